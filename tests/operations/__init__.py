"""Operations: serving in production, health, logs, scaling out, sign-in hygiene, backups."""
