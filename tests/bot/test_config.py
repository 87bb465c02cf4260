"""Settings come from the environment over .env, and malformed values are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings


def test_environment_wins_over_the_dotenv_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("DISCORD_TOKEN=from-file\nDISCORD_GUILD_ID=42\nNEWSDESK_DATA=/srv/nd\n")
    s = Settings.from_env({"DISCORD_TOKEN": "from-env"}, dotenv_path=env_file)
    assert s.token == "from-env" and s.guild_id == 42 and s.data_dir == Path("/srv/nd")


def test_defaults_when_nothing_is_set(tmp_path: Path) -> None:
    s = Settings.from_env({}, dotenv_path=tmp_path / "missing.env")
    assert s.token is None and s.data_dir == Path("data") and s.guild_id is None
    assert s.log_level == "INFO" and s.api_base is None


def test_a_non_numeric_guild_id_is_refused_by_name() -> None:
    with pytest.raises(ConfigError, match="DISCORD_GUILD_ID"):
        Settings.from_mapping({"DISCORD_GUILD_ID": "my-server"})


def test_a_bad_log_level_is_refused() -> None:
    with pytest.raises(ConfigError, match="NEWSDESK_LOG_LEVEL"):
        Settings.from_mapping({"NEWSDESK_LOG_LEVEL": "chatty"})


def test_endpoint_urls_must_have_the_right_scheme() -> None:
    with pytest.raises(ConfigError, match="DISCORD_GATEWAY_URL"):
        Settings.from_mapping({"DISCORD_GATEWAY_URL": "http://127.0.0.1:8080/"})
    s = Settings.from_mapping({"DISCORD_API_BASE": "http://127.0.0.1:8080/api/v10/"})
    assert s.api_base == "http://127.0.0.1:8080/api/v10"


def test_running_without_a_token_says_how_to_set_one() -> None:
    with pytest.raises(ConfigError, match="DISCORD_TOKEN"):
        Settings.from_mapping({}).require_token()


def test_cli_data_folder_comes_from_newsdesk_data(tmp_path):
    from bot.config import data_dir_from_env

    assert data_dir_from_env({"NEWSDESK_DATA": str(tmp_path)}, tmp_path / "no.env") == tmp_path
    assert data_dir_from_env({}, tmp_path / "no.env") == Path("data")


def test_cli_data_folder_reads_dotenv_when_the_environment_is_silent(tmp_path):
    from bot.config import data_dir_from_env

    dotenv = tmp_path / ".env"
    dotenv.write_text("NEWSDESK_DATA=/srv/newsdesk\n", encoding="utf-8")
    assert data_dir_from_env({}, dotenv) == Path("/srv/newsdesk")


def test_fetch_allow_list_is_read_and_checked():
    s = Settings.from_mapping({"NEWSDESK_FETCH_ALLOW": "127.0.0.1, 10.0.0.0/8 news.internal"})
    assert s.fetch_allow == ("127.0.0.1", "10.0.0.0/8", "news.internal")
    assert s.fetch_policy.host_allowed("news.internal")
    assert Settings.from_mapping({}).fetch_policy.allow_networks == ()
    with pytest.raises(ConfigError, match="NEWSDESK_FETCH_ALLOW"):
        Settings.from_mapping({"NEWSDESK_FETCH_ALLOW": "http://x/"})


def test_sharding_settings_are_read_and_checked():
    s = Settings.from_mapping({"NEWSDESK_SHARD_COUNT": "4", "NEWSDESK_SHARD_IDS": "3, 1"})
    assert (s.shard_count, s.shard_ids, s.shard_label) == (4, (1, 3), "shard 1,3/4")
    assert Settings.from_mapping({}).shard_label == "shard 0/1"
    with pytest.raises(ConfigError, match="not below the shard count"):
        Settings.from_mapping({"NEWSDESK_SHARD_COUNT": "2", "NEWSDESK_SHARD_IDS": "2"})
    with pytest.raises(ConfigError, match="distinct whole numbers"):
        Settings.from_mapping({"NEWSDESK_SHARD_IDS": "0,0"})
    with pytest.raises(ConfigError, match="shard count"):
        Settings.from_mapping({"NEWSDESK_SHARD_COUNT": "none"})
    assert Settings.from_mapping({}).with_sharding(2, "1").shard_label == "shard 1/2"


def test_database_url_budget_and_heartbeat_settings():
    s = Settings.from_mapping({"DATABASE_URL": "postgresql://nd:secret@db:5432/nd",
                               "NEWSDESK_MEMORY_BUDGET": "512", "NEWSDESK_HEARTBEAT": "5"})
    assert (s.memory_budget, s.heartbeat) == (512 * 2**20, 5.0)
    assert "secret" not in repr(s)
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        Settings.from_mapping({"DATABASE_URL": "mysql://db/nd"})
    with pytest.raises(ConfigError, match="NEWSDESK_MEMORY_BUDGET"):
        Settings.from_mapping({"NEWSDESK_MEMORY_BUDGET": "lots"})
