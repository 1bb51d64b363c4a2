import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/app/components/auto-refresh";
import { Desk } from "@/app/components/desk";
import { ActionForm } from "@/app/components/flow/action-form";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { casesForVisit } from "@/lib/dal/queue-numbers/book-queue-number";
import { listFreeSlots, listMyQueueBookings } from "@/lib/dal/queue-numbers/my-queue-bookings";
import { bookableDays, CASE_SERVICES, currentServiceDay, QUEUE_SERVICES, slotRange } from "@/lib/dal/queue-numbers/timetable";
import { getDb } from "@/lib/db";
import { getFormatters } from "@/lib/i18n/format-server";
import { bookQueueSlot, cancelQueueSlot } from "./actions";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ResidentQueueNumbersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("queue_number.book", "/resident/queue-numbers");
  const t = await getTranslations("queueNumbers");
  const fmt = await getFormatters();
  const db = await getDb();
  const params = await searchParams;
  const now = new Date();
  const days = bookableDays(now);
  const today = currentServiceDay(now);
  const service = QUEUE_SERVICES.find((s) => s === one(params.service));
  // A service chosen without a day (e.g. from a link) means the first day offered.
  const date = days.find((d) => d === one(params.date)) ?? (service ? days[0] : undefined);
  const bookings = await listMyQueueBookings(db, { actor, now, limit: 20 });
  const freeSlots = service && date ? await listFreeSlots(db, { actor, service, date, now }) : [];
  const cases = service && CASE_SERVICES.includes(service) ? await casesForVisit(db, { actor }) : [];
  const dayLabel = (d: string) => (d === today ? t("today", { date: fmt.date(d) }) : fmt.date(d));
  const waiting = bookings.some((b) => b.status === "booked" || b.status === "called");
  return (
    <Desk actor={actor} desk="resident" current="/resident/queue-numbers" title={t("title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("lead")}</p>

      <section aria-labelledby="mine-h" className="mb-10">
        <h2 id="mine-h" className="mb-3 text-2xl font-semibold">{t("mine")}</h2>
        {bookings.length === 0 ? (
          <p className="bg-panel p-4" data-testid="empty-state">{t("mineEmpty")}</p>
        ) : (
          <>
            <ul className="space-y-3" data-testid="my-queue-numbers">
              {bookings.map((b) => (
                <li
                  key={b.bookingId}
                  data-number={b.display}
                  data-status={b.status}
                  className={`border-l-4 p-3 ${b.status === "called" ? "border-ok bg-panel" : b.status === "booked" ? "border-brand" : "border-line text-muted"}`}
                >
                  <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
                    <span className="font-mono text-3xl font-bold" aria-label={`${t("number")} ${b.display}`}>{b.display}</span>
                    <span className={b.status === "called" ? "text-lg font-bold text-ok" : "font-semibold"} role={b.status === "called" ? "status" : undefined}>
                      {t(`statuses.${b.status}`, { desk: b.desk ?? "" })}
                    </span>
                  </div>
                  <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="font-semibold">{t("when")}</dt>
                    <dd>{dayLabel(b.date)} {slotRange(b.slot)}</dd>
                    <dt className="font-semibold">{t("window")}</dt>
                    <dd>{t("desk", { desk: b.desk ?? "" })}</dd>
                    <dt className="font-semibold">{t("service")}</dt>
                    <dd>{t(`services.${b.service}`)}</dd>
                    {b.applicationId ? (
                      <>
                        <dt className="font-semibold">{t("case")}</dt>
                        <dd className="break-all font-mono">
                          <Link className="link" href={`/resident/applications/${b.applicationId}`}>{b.applicationId}</Link>
                        </dd>
                      </>
                    ) : null}
                  </dl>
                  {b.cancellable ? (
                    <ActionForm
                      action={cancelQueueSlot}
                      hidden={{ bookingId: b.bookingId }}
                      label={t("cancel")}
                      confirm={t("cancelConfirm", { number: b.display })}
                      variant="secondary"
                      doneMessage={t("cancelled")}
                      className="mt-3 space-y-2"
                    />
                  ) : null}
                </li>
              ))}
            </ul>
            {waiting ? (
              <>
                <p className="mt-3 text-sm text-muted">{t("refreshHint")}</p>
                <AutoRefresh seconds={30} />
              </>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="book-h">
        <h2 id="book-h" className="mb-3 text-2xl font-semibold">{t("book")}</h2>
        <form method="get" action="/resident/queue-numbers" className="mb-6 space-y-4 bg-panel p-4">
          <h3 className="text-lg font-semibold">{t("step1")}</h3>
          <fieldset>
            <legend className="mb-1 font-semibold">{t("service")}</legend>
            {QUEUE_SERVICES.map((s) => (
              <div key={s} className="flex items-center gap-2 py-1">
                <input type="radio" id={`svc-${s}`} name="service" value={s} defaultChecked={(service ?? "signing") === s} className="size-5" />
                <label htmlFor={`svc-${s}`}>{t(`services.${s}`)}</label>
              </div>
            ))}
          </fieldset>
          <div>
            <label htmlFor="q-date" className="mb-1 block font-semibold">{t("day")}</label>
            <select id="q-date" name="date" defaultValue={date ?? days[0]} className="field-input">
              {days.map((d) => (
                <option key={d} value={d}>{dayLabel(d)}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-secondary">{t("showSlots")}</button>
        </form>

        {service && date ? (
          <div className="bg-panel p-4" data-testid="slot-step">
            <h3 className="mb-3 text-lg font-semibold">{t("step2")}</h3>
            {CASE_SERVICES.includes(service) && cases.length === 0 ? (
              <p>
                {t("noApplications")}{" "}
                <Link className="link" href="/resident/applications">{t("case")}</Link>
              </p>
            ) : freeSlots.length === 0 ? (
              <p>{t("noSlots")}</p>
            ) : (
              <ActionForm action={bookQueueSlot} hidden={{ service, date }} label={t("bookSubmit")} doneMessage={t("booked")} className="space-y-4">
                {CASE_SERVICES.includes(service) ? (
                  <div>
                    <label htmlFor="q-app" className="mb-1 block font-semibold">{t("application")}</label>
                    <select id="q-app" name="applicationId" className="field-input font-mono" required>
                      {cases.map((c) => (
                        <option key={c.applicationId} value={c.applicationId}>{c.applicationId}</option>
                      ))}
                    </select>
                  </div>
                ) : null}
                <fieldset>
                  <legend className="mb-2 font-semibold">{t("slotsLegend", { date: dayLabel(date) })}</legend>
                  <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 md:grid-cols-4">
                    {freeSlots.map((slot, i) => (
                      <div key={slot} className="flex items-center gap-2 border border-line bg-white p-2">
                        <input type="radio" id={`slot-${slot}`} name="slot" value={slot} required defaultChecked={i === 0} className="size-5" />
                        <label htmlFor={`slot-${slot}`} className="font-mono">{slotRange(slot)}</label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </ActionForm>
            )}
          </div>
        ) : null}
      </section>
    </Desk>
  );
}
