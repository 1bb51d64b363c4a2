// What the portal keeps in next-auth's user, token and session objects.
import type { Role } from "@/drizzle/schema/identity";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
    twoFactor: boolean;
  }
  interface Session {
    userId: string;
    role: Role;
    sessionVersion: number;
    authTime: number;
    twoFactor?: boolean;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId: string;
    role: Role;
    sessionVersion: number;
    authTime: number;
    twoFactor?: boolean;
  }
}
