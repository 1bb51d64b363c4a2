"use client";
// The /verify form. Progressive enhancement: a plain GET form (works without JavaScript);
// with JavaScript, a pasted verify link keeps its #fragment (the holder's disclosures);
// where the browser offers BarcodeDetector, the camera and uploaded photos of the QR code
// are read on the device (nothing is uploaded to us).
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
  const [canDetect, setCanDetect] = useState(false);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);

  useEffect(() => setCanDetect(barcodeDetector() !== null && !!navigator.mediaDevices?.getUserMedia), []);
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
    const detector = barcodeDetector();
    if (!detector) return setMessage(t("scanUnsupported"));
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
      const codes = await detector.detect(element).catch(() => []);
      const hit = codes.find((c) => verifyTarget(c.rawValue));
      if (hit) {
        stopCamera();
        open(hit.rawValue);
        return;
      }
      requestAnimationFrame(() => void tick());
    };
    void tick();
  };

  const readPhoto = async (file: File | undefined) => {
    if (!file) return;
    const detector = barcodeDetector();
    if (!detector) return setMessage(t("scanUnsupported"));
    try {
      const codes = await detector.detect(await createImageBitmap(file));
      const first = codes[0];
      if (!first) return setMessage(t("noQrFound"));
      open(first.rawValue);
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
        {canDetect ? (
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
            <label htmlFor="qr-photo" className="block font-semibold">
              {t("upload")}
            </label>
            <input id="qr-photo" type="file" accept="image/*" onChange={(event) => void readPhoto(event.target.files?.[0])} />
          </>
        ) : (
          <p className="text-muted">{t("scanUnsupported")}</p>
        )}
      </section>
    </div>
  );
}

