import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DataTable } from "@/app/components/data-table";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { slotRange } from "@/lib/dal/queue-numbers/timetable";
import { getWindowQueue, myWindows } from "@/lib/dal/queue-numbers/window-queue";
import { getDb } from "@/lib/db";
import { getFormatters } from "@/lib/i18n/format-server";
import { callNextQueueNumber, closeQueueNumber } from "./actions";

export default async function ClerkQueueNumbersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("queue_number.call", "/clerk/queue-numbers");
  const t = await getTranslations("queueNumbers");
  const tNav = await getTranslations("nav.clerk");
  const fmt = await getFormatters();
  const params = await searchParams;
  const windows = myWindows(actor);
  const wanted = Array.isArray(params.window) ? params.window[0] : params.window;
  const window = windows.find((w) => w.code === wanted) ?? windows[0];
  if (!window) {
    return (
      <Desk actor={actor} desk="clerk" current="/clerk/queue-numbers" title={tNav("queueNumbers")}>
        <p className="mt-4 max-w-prose bg-panel p-4" data-testid="empty-state">{t("clerk.noWindows")}</p>
      </Desk>
    );
  }
  const queue = await getWindowQueue(await getDb(), { actor, window: window.code });
  const date = fmt.date(queue.date);
  return (
    <Desk actor={actor} desk="clerk" current="/clerk/queue-numbers" title={tNav("queueNumbers")}>
      <p className="mb-4 max-w-prose text-muted">{t("clerk.lead")}</p>
      <form method="get" action="/clerk/queue-numbers" className="mb-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="q-window" className="mb-1 block font-semibold">{t("clerk.chooseWindow")}</label>
          <select id="q-window" name="window" defaultValue={window.code} className="field-input">
            {windows.map((w) => (
              <option key={w.code} value={w.code}>
                {t("desk", { desk: w.desk })} · {w.code} · {t(`services.${w.service}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-secondary">{t("clerk.show")}</button>
      </form>

      <section aria-labelledby="serving-h" className="mb-6 grid gap-4 border-2 border-ink p-4 md:grid-cols-[1fr_auto]">
        <div>
          <h2 id="serving-h" className="text-sm font-semibold uppercase text-muted">{t("clerk.serving")} · {t("desk", { desk: window.desk })}</h2>
          {queue.serving ? (
            <p className="font-mono text-5xl font-bold" data-testid="serving">{queue.serving.display}</p>
          ) : (
            <p className="py-3 text-lg" data-testid="serving">{t("clerk.nobody")}</p>
          )}
          <p className="mt-1 font-semibold" data-testid="waiting">{t("clerk.waiting", { count: queue.waiting })}</p>
        </div>
        <div className="flex flex-col items-start gap-2">
          <ActionForm action={callNextQueueNumber} hidden={{ window: window.code }} label={t("clerk.callNext")} doneMessage={t("clerk.called")} className="space-y-2" />
          {queue.serving ? (
            <div className="flex flex-wrap gap-2">
              <ActionForm action={closeQueueNumber} hidden={{ bookingId: queue.serving.bookingId, outcome: "served" }} label={t("clerk.served")} variant="secondary" className="space-y-2" />
              <ActionForm
                action={closeQueueNumber}
                hidden={{ bookingId: queue.serving.bookingId, outcome: "missed" }}
                label={t("clerk.missed")}
                confirm={t("clerk.missedConfirm", { number: queue.serving.display })}
                variant="secondary"
                className="space-y-2"
              />
            </div>
          ) : null}
        </div>
      </section>

      <DataTable
        id="window-queue"
        caption={t("clerk.caption", { desk: window.desk, date })}
        rows={queue.items}
        rowKey={(i) => i.bookingId}
        rowAttributes={(i) => ({ "data-number": i.display, "data-status": i.status, className: i.status === "called" ? "bg-panel font-semibold" : i.status === "booked" ? "" : "text-muted" })}
        empty={{ message: t("clerk.empty", { desk: window.desk, date }) }}
        columns={[
          { header: t("number"), rowHeader: true, className: "font-mono", cell: (i) => i.display },
          { header: t("clerk.slotTime"), className: "font-mono whitespace-nowrap", cell: (i) => slotRange(i.slot) },
          { header: t("service"), cell: (i) => t(`services.${i.service}`) },
          {
            header: t("case"),
            className: "font-mono",
            cell: (i) => (i.applicationId ? <Link className="link" href={`/clerk/cases/${i.applicationId}`}>{i.applicationId}</Link> : "—"),
          },
          { header: t("status"), cell: (i) => t(`statuses.${i.status}`, { desk: window.desk }) },
          { header: t("when"), cell: (i) => (i.calledAt ? fmt.time(i.calledAt) : "—") },
        ]}
      />
    </Desk>
  );
}
