"use client";
// The /verify form. Progressive enhancement: a plain GET form (works without JavaScript);
// with JavaScript, a pasted verify link keeps its #fragment (the holder's disclosures); the
// camera and uploaded photos of the QR code are read on the device (nothing is uploaded to
// us): by the browser's BarcodeDetector where it has one, otherwise by jsQR on the pixels of
// a canvas (Chromium on Linux, Firefox and Safari have no BarcodeDetector).
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";

const ID_PATTERN = /^[A-Za-z0-9_.:-]{6,100}$/;

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (options?: { formats: string[] }) => BarcodeDetectorLike;

function barcodeDetector(): BarcodeDetectorLike | null {
  const ctor = (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (!ctor) return null;
  try {
    return new ctor({ formats: ["qr_code"] });
  } catch {
    return null;
  }
}

/** Photos are scaled down to this many pixels on the long side before jsQR reads them: a
 * phone's 12-megapixel photo would take seconds, and a QR code needs far fewer pixels. */
const MAX_DECODE_SIDE = 1600;

/** Reads QR codes from an image or a video frame: BarcodeDetector when there is one, else jsQR. */
async function readQr(source: ImageBitmap | HTMLVideoElement, canvas: HTMLCanvasElement): Promise<string[]> {
  const detector = barcodeDetector();
  if (detector) return (await detector.detect(source)).map((c) => c.rawValue);
  const width = source instanceof HTMLVideoElement ? source.videoWidth : source.width;
  const height = source instanceof HTMLVideoElement ? source.videoHeight : source.height;
  if (width === 0 || height === 0) return [];
  const scale = Math.min(1, MAX_DECODE_SIDE / Math.max(width, height));
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return [];
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  // Loaded on first use: the verify page's own script stays small for those who type an id.
  const { default: jsQR } = await import("jsqr");
  const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: "attemptBoth" });
  return code ? [code.data] : [];
}

/** `/verify/{id}#…` (absolute or relative) or a bare id → the path to open, or null. */
export function verifyTarget(text: string): string | null {
  const value = text.trim();
  if (ID_PATTERN.test(value)) return `/verify/${value}`;
  try {
    const url = new URL(value, "https://placeholder.invalid");
    const match = /^\/verify\/([^/]+)$/.exec(url.pathname);
    if (!match) return null;
    const id = decodeURIComponent(match[1]!);
    return ID_PATTERN.test(id) ? `/verify/${encodeURIComponent(id)}${url.hash}` : null;
  } catch {
    return null;
  }
}

export function VerifyForm() {
  const t = useTranslations("verify");
  const [value, setValue] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [canUseCamera, setCanUseCamera] = useState(false);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const scratch = () => (canvas.current ??= document.createElement("canvas"));
  const stream = useRef<MediaStream | null>(null);

  useEffect(() => setCanUseCamera(!!navigator.mediaDevices?.getUserMedia), []);
  useEffect(() => () => stream.current?.getTracks().forEach((track) => track.stop()), []);

  const open = (text: string) => {
    const target = verifyTarget(text);
    if (!target) {
      setMessage(text.includes("/") ? t("notOurs") : t("invalidId"));
      return false;
    }
    // A full navigation keeps the fragment and loads the page fresh.
    window.location.assign(target);
    return true;
  };

  const stopCamera = () => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setScanning(false);
  };

  const startCamera = async () => {
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch {
      return setMessage(t("cameraRefused"));
    }
    setScanning(true);
    setMessage(null);
    const element = video.current!;
    element.srcObject = stream.current;
    await element.play();
    const tick = async () => {
      if (!stream.current) return;
      const codes = await readQr(element, scratch()).catch(() => [] as string[]);
      const hit = codes.find((c) => verifyTarget(c));
      if (hit) {
        stopCamera();
        open(hit);
        return;
      }
      // jsQR on a full frame costs tens of milliseconds: a few frames a second is plenty.
      setTimeout(() => void tick(), 150);
    };
    void tick();
  };

  const readPhoto = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    try {
      const codes = await readQr(await createImageBitmap(file), scratch());
      const first = codes[0];
      if (first === undefined) return setMessage(t("noQrFound"));
      open(first);
    } catch {
      setMessage(t("noQrFound"));
    }
  };

  return (
    <div className="space-y-8">
      <form
        action="/verify/go"
        method="get"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          open(value);
        }}
      >
        <label htmlFor="credential-id" className="mb-1 block text-lg font-semibold">
          {t("idLabel")}
        </label>
        <p id="credential-id-hint" className="mb-2 text-muted">
          {t("idHint")}
        </p>
        {message && (
          <p id="credential-id-error" role="alert" className="mb-2 font-semibold text-danger">
            {message}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <input
            id="credential-id"
            name="id"
            className="field-input font-mono"
            autoComplete="off"
            spellCheck={false}
            value={value}
            aria-describedby={message ? "credential-id-hint credential-id-error" : "credential-id-hint"}
            aria-invalid={message ? true : undefined}
            onChange={(event) => setValue(event.target.value)}
          />
          <button type="submit" className="btn btn-primary">
            {t("submit")}
          </button>
        </div>
      </form>

      <section aria-labelledby="scan-title" className="space-y-3">
        <h2 id="scan-title" className="text-xl font-bold">
          {t("scanTitle")}
        </h2>
        {canUseCamera ? (
          <>
            <div className="flex flex-wrap gap-3">
              {scanning ? (
                <button type="button" className="btn btn-secondary" onClick={stopCamera}>
                  {t("stopScan")}
                </button>
              ) : (
                <button type="button" className="btn btn-secondary" onClick={() => void startCamera()}>
                  {t("scan")}
                </button>
              )}
            </div>
            <video ref={video} muted playsInline className={scanning ? "w-full max-w-md border-2 border-ink" : "hidden"} />
          </>
        ) : null}
        <label htmlFor="qr-photo" className="block font-semibold">
          {t("upload")}
        </label>
        <input id="qr-photo" type="file" accept="image/*" onChange={(event) => void readPhoto(event.target.files?.[0])} />
      </section>
    </div>
  );
}

