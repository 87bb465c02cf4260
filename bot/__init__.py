"""newsdesk application: the Discord client, the CLI and the local console."""
