import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listStaff } from "@/lib/dal/auth/list-staff";
import { getDb } from "@/lib/db";
import { StaffToggle } from "./staff-toggle";

export default async function AdminStaffPage() {
  const actor = await requireActor("staff.manage", "/admin/staff");
  const t = await getTranslations();
  const staff = await listStaff(await getDb(), { actor });
  return (
    <Desk actor={actor} desk="admin" current="/admin/staff" title={t("staff.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("staff.lead")}</p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="mb-2 text-left font-semibold">{t("staff.caption")}</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="py-2 pr-3">{t("staff.login")}</th>
              <th scope="col" className="py-2 pr-3">{t("staff.name")}</th>
              <th scope="col" className="py-2 pr-3">{t("staff.role")}</th>
              <th scope="col" className="py-2 pr-3">{t("staff.department")}</th>
              <th scope="col" className="py-2 pr-3">{t("staff.status")}</th>
              <th scope="col" className="py-2">{t("staff.action")}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((account) => (
              <tr key={account.id} className="border-b border-line">
                <th scope="row" className="py-2 pr-3 font-mono font-normal">{account.login}</th>
                <td className="py-2 pr-3">{account.displayName}</td>
                <td className="py-2 pr-3">{t(`roles.${account.role}`)}</td>
                <td className="py-2 pr-3">{account.department ? t(`departments.${account.department}`) : ""}</td>
                <td className={`py-2 pr-3 ${account.disabled ? "font-semibold text-danger" : ""}`}>
                  {account.disabled ? t("staff.disabledStatus") : t("staff.active")}
                </td>
                <td className="py-2">
                  {account.id === actor.userId ? null : <StaffToggle userId={account.id} login={account.login} disabled={account.disabled} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Desk>
  );
}
