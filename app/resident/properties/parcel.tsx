// A parcel outline (local metres, y north) drawn as SVG: flipped so north is up, scaled to fit.
import type { ParcelOutline } from "@/drizzle/schema/property";

export function Parcel({ outline, label }: { outline: ParcelOutline; label: string }) {
  const ring = outline.coordinates[0] ?? [];
  if (ring.length < 3) return null;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const minX = Math.min(...xs);
  const maxY = Math.max(...ys);
  const w = Math.max(...xs) - minX || 1;
  const h = maxY - Math.min(...ys) || 1;
  const pad = Math.max(w, h) * 0.05;
  const points = ring.map(([x, y]) => `${(x - minX + pad).toFixed(2)},${(maxY - y + pad).toFixed(2)}`).join(" ");
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${(w + 2 * pad).toFixed(2)} ${(h + 2 * pad).toFixed(2)}`} className="h-32 w-32 border bg-panel" data-testid="parcel">
      <polygon points={points} fill="currentColor" fillOpacity="0.15" stroke="currentColor" strokeWidth={Math.max(w, h) / 100} />
    </svg>
  );
}
