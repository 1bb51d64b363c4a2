// Demo sign-ins, created by the seed and printed by `npm start`. Tests sign in with these.
import type { DepartmentCode, Role } from "@/drizzle/schema/identity";

export const DEMO_PASSWORD = "Deedchain-2026";

/**
 * Senior admins must sign in with a second factor (TOTP). The seeded ones are enrolled with
 * this published key, so the demo stays usable: add it to any authenticator app (or read
 * the current code from `npm start`'s banner). A real installation enrols its own staff at
 * /account/two-factor; never seed this key outside a demo.
 */
export const DEMO_TOTP_SECRET = "DEEDCHAINDEMOTOTPKEYFORSENIORADM";

export interface DemoStaff {
  login: string;
  role: Exclude<Role, "resident">;
  department: DepartmentCode;
  displayName: string;
}

/** One clerk and one department admin per department, a senior admin, and institution officers. */
export const DEMO_STAFF: readonly DemoStaff[] = [
  { login: "clerk.registry", role: "clerk", department: "registry", displayName: "登记中心窗口 王敏" },
  { login: "admin.registry", role: "department_admin", department: "registry", displayName: "登记中心管理员 李强" },
  { login: "senior.admin", role: "senior_admin", department: "registry", displayName: "系统管理员 周建国" },
  { login: "senior.admin2", role: "senior_admin", department: "registry", displayName: "系统管理员 吴丽" },
  { login: "clerk.land", role: "clerk", department: "land", displayName: "自然资源局 赵磊" },
  { login: "admin.land", role: "department_admin", department: "land", displayName: "自然资源局管理员 钱芳" },
  { login: "clerk.housing", role: "clerk", department: "housing", displayName: "住建局 孙浩" },
  { login: "admin.housing", role: "department_admin", department: "housing", displayName: "住建局管理员 李娜" },
  { login: "clerk.tax", role: "clerk", department: "tax", displayName: "税务局 周杰" },
  { login: "admin.tax", role: "department_admin", department: "tax", displayName: "税务局管理员 吴静" },
  { login: "clerk.police", role: "clerk", department: "police", displayName: "公安局 郑伟" },
  { login: "admin.police", role: "department_admin", department: "police", displayName: "公安局管理员 王芳" },
  { login: "clerk.civil", role: "clerk", department: "civil", displayName: "民政局 冯军" },
  { login: "admin.civil", role: "department_admin", department: "civil", displayName: "民政局管理员 陈红" },
  { login: "admin.bank", role: "department_admin", department: "bank", displayName: "银行管理员 褚明" },
  { login: "bank.officer", role: "institution", department: "bank", displayName: "娄底农商银行 卫东" },
  { login: "admin.court", role: "department_admin", department: "court", displayName: "法院管理员 蒋平" },
  { login: "court.officer", role: "institution", department: "court", displayName: "娄星区人民法院 沈洁" },
];

export interface DemoResident {
  /** Sign-in name: the mobile number. */
  phone: string;
  name: string;
  residentId: string;
  married: boolean;
}

/** Residents with valid GB 11643 numbers (Loudi, 4313xx address codes). */
export const DEMO_RESIDENTS: readonly DemoResident[] = [
  { phone: "13800000001", name: "张伟", residentId: "431302198503150016", married: false },
  { phone: "13800000002", name: "刘芳", residentId: "431302199007220024", married: false },
  { phone: "13800000003", name: "陈刚", residentId: "431321197811050038", married: true },
  { phone: "13800000004", name: "杨丽", residentId: "43130219920430004X", married: false },
];
