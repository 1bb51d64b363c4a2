DROP INDEX "sign_in_attempts_login_at_idx";--> statement-breakpoint
DROP INDEX "users_login_unique";--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ALTER COLUMN "login" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "login" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "display_name" DROP NOT NULL;