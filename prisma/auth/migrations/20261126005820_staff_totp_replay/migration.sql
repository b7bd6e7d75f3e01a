-- AlterTable
ALTER TABLE "staff_user" ADD COLUMN     "last_totp_step" INTEGER;

