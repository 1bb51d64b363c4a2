import { getTranslations } from "next-intl/server";
import { DataTable, pageOf } from "@/app/components/data-table";
import { Desk } from "@/app/components/desk";
import { pageParam } from "@/app/components/flow/pager";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { listStaff } from "@/lib/dal/auth/list-staff";
import { getDb } from "@/lib/db";
import { ActionForm } from "@/app/components/flow/action-form";
import { changeStaffRole, createStaff } from "./actions";
import { CreateStaffForm } from "./create-staff-form";
import { PlacementFields } from "./placement-fields";
import { StaffToggle } from "./staff-toggle";

const PAGE_SIZE = 50;

export default async function AdminStaffPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("staff.manage", "/admin/staff");
  const t = await getTranslations();
  const params = await searchParams;
  const page = pageParam(params.page);
  const staff = await listStaff(await getDb(), { actor });
  return (
    <Desk actor={actor} desk="admin" current="/admin/staff" title={t("staff.title")}>
      <p className="mb-6 max-w-prose text-lg text-muted">{t("staff.lead")}</p>
      <section className="mb-8 border-t-4 border-brand bg-panel p-4" aria-labelledby="create-staff-h">
        <h2 id="create-staff-h" className="mb-2 text-xl font-semibold">{t("adminStaff.createTitle")}</h2>
        <p className="mb-3 max-w-prose text-sm text-muted">{t("adminStaff.createLead")}</p>
        <CreateStaffForm action={createStaff} />
      </section>
      <DataTable
        id="staff"
        caption={t("staff.caption")}
        rows={pageOf(staff, page, PAGE_SIZE)}
        rowKey={(account) => account.id}
        rowAttributes={(account) => ({ "data-login": account.login, "data-role": account.role, "data-department": account.department ?? "" })}
        empty={{ message: t("staff.empty") }}
        pagination={{ path: "/admin/staff", params, page, pageSize: PAGE_SIZE, total: staff.length }}
        columns={[
          { header: t("staff.login"), rowHeader: true, className: "font-mono", cell: (account) => account.login },
          { header: t("staff.name"), cell: (account) => account.displayName },
          { header: t("staff.role"), cell: (account) => t(`roles.${account.role}`) },
          { header: t("staff.department"), cell: (account) => (account.department ? t(`departments.${account.department}`) : "") },
          {
            header: t("staff.status"),
            cell: (account) => (account.disabled ? <span className="font-semibold text-danger">{t("staff.disabledStatus")}</span> : t("staff.active")),
          },
          {
            header: t("staff.action"),
            cell: (account) => (account.id === actor.userId ? null : <StaffToggle userId={account.id} login={account.login} disabled={account.disabled} />),
          },
          {
            header: t("adminStaff.changeRole"),
            cell: (account) =>
              account.id === actor.userId ? null : (
                <details>
                  <summary className="link cursor-pointer">{t("adminStaff.changeRoleOf", { login: account.login })}</summary>
                  <ActionForm
                    action={changeStaffRole}
                    hidden={{ userId: account.id }}
                    label={t("adminStaff.saveRole")}
                    confirm={t("adminStaff.saveRoleConfirm", { login: account.login })}
                    doneMessage={t("adminStaff.roleSaved")}
                    className="mt-2 space-y-2"
                  >
                    <PlacementFields idPrefix={`role-${account.id}`} role={account.role === "resident" ? "clerk" : account.role} department={account.department ?? undefined} label={account.login} />
                  </ActionForm>
                </details>
              ),
          },
        ]}
      />
    </Desk>
  );
}
