"""Identity and access: users, roles and permissions, sign-in, MFA, sessions, tokens, SSO."""
