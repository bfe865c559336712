-- Instances keep recently checked credentials in memory. Any change that could alter what a credential
-- grants (a revoked or re-verified session, a revoked token, a deactivated or renamed user, a role's
-- permissions or a user's roles) is announced on carebase_auth when its transaction commits, and every
-- instance forgets what it cached. Updates that only record use (last seen, last used, login counters) are
-- not announced.
CREATE FUNCTION carebase_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('carebase_auth', TG_TABLE_NAME);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER sessions_auth_changed AFTER UPDATE ON sessions FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_seen_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_seen_at'))
  EXECUTE FUNCTION carebase_auth_changed();--> statement-breakpoint
CREATE TRIGGER sessions_auth_deleted AFTER DELETE ON sessions FOR EACH STATEMENT
  EXECUTE FUNCTION carebase_auth_changed();--> statement-breakpoint
CREATE TRIGGER api_tokens_auth_changed AFTER UPDATE ON api_tokens FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_used_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at'))
  EXECUTE FUNCTION carebase_auth_changed();--> statement-breakpoint
CREATE TRIGGER api_tokens_auth_deleted AFTER DELETE ON api_tokens FOR EACH STATEMENT
  EXECUTE FUNCTION carebase_auth_changed();--> statement-breakpoint
CREATE TRIGGER users_auth_changed AFTER UPDATE ON users FOR EACH ROW
  WHEN ((to_jsonb(OLD) - ARRAY['failed_logins', 'locked_until', 'last_login_at', 'totp_last_step'])
        IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['failed_logins', 'locked_until', 'last_login_at', 'totp_last_step']))
  EXECUTE FUNCTION carebase_auth_changed();--> statement-breakpoint
CREATE TRIGGER users_auth_deleted AFTER DELETE ON users FOR EACH STATEMENT
  EXECUTE FUNCTION carebase_auth_changed();--> statement-breakpoint
CREATE TRIGGER user_roles_auth_changed AFTER INSERT OR UPDATE OR DELETE ON user_roles FOR EACH STATEMENT
  EXECUTE FUNCTION carebase_auth_changed();--> statement-breakpoint
CREATE TRIGGER roles_auth_changed AFTER UPDATE OR DELETE ON roles FOR EACH STATEMENT
  EXECUTE FUNCTION carebase_auth_changed();
