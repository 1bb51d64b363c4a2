"use client";
// Re-renders the server page every second while an audit runs, so the progress bar moves
// without holding a request open; stops by itself once the run has finished.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function RefreshWhile({ active, intervalMs = 1000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return null;
}
