"use client";
// The desk's sections. On a phone they fold behind one button (the current section's name and
// "Menu"), so the page's content comes first; from the md breakpoint up the list is always
// shown beside the content. The button is a real <button> with aria-expanded/aria-controls;
// Escape closes the list and gives focus back to the button.
import Link from "next/link";
import { useId, useRef, useState } from "react";

export interface DeskNavSection {
  path: string;
  label: string;
}

export function DeskNav({ label, menuLabel, sections, current }: { label: string; menuLabel: string; sections: readonly DeskNavSection[]; current: string }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const here = sections.find((s) => s.path === current);
  return (
    <nav
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      {/* Not `.btn`: its unlayered `display` would beat Tailwind's md:hidden. */}
      <button
        ref={buttonRef}
        type="button"
        className="flex min-h-11 w-full items-center justify-between gap-2 rounded border-2 border-ink bg-panel px-3 py-2 text-left font-semibold md:hidden"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <span>
          {menuLabel}
          {here ? <span className="font-normal">: {here.label}</span> : null}
        </span>
        <span aria-hidden="true">{open ? "▴" : "▾"}</span>
      </button>
      <ul id={listId} className={`${open ? "block" : "hidden"} mt-2 space-y-1 border-l-4 border-line md:mt-0 md:block`}>
        {sections.map((s) => (
          <li key={s.path}>
            <Link
              href={s.path}
              aria-current={s.path === current ? "page" : undefined}
              onClick={() => setOpen(false)}
              className={`block px-3 py-2 ${s.path === current ? "border-l-4 -ml-1 border-brand bg-panel font-semibold" : "link"}`}
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
