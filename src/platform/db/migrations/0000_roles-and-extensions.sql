-- Extensions and the application role. Written by hand (drizzle-kit does not manage these).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- The role application queries run as: it owns nothing, so row-level security applies to it.
-- Roles are cluster-wide, so creating it must tolerate a role left by another database.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lookout_app') THEN
    CREATE ROLE lookout_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
-- The connecting user must be able to SET ROLE lookout_app (superusers can anyway).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'lookout_app', 'MEMBER') THEN
    EXECUTE format('GRANT lookout_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO lookout_app;
--> statement-breakpoint
-- Tables created by later migrations (run by the same owner) are usable by the app role.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lookout_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lookout_app;
