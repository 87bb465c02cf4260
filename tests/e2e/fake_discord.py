"""A local Discord for end-to-end tests: gateway websocket + REST routes on 127.0.0.1.

The real discord.py client talks to it through its own HTTP and gateway code. Every
request is recorded, and every payload is checked against Discord's limits and schema;
a breach is kept in `violations`, which the tests assert is empty.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

APP_ID = 900000000000000001
BOT_ID = 900000000000000002
EPHEMERAL = 1 << 6
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 16)  # view, send, read history
COMMAND_NAME_RE = re.compile(r"^[-_\w]{1,32}$")
OPTION_TYPES = set(range(1, 12))
BOT_USER = {"id": str(BOT_ID), "username": "newsdesk", "discriminator": "0", "global_name": None,
            "avatar": None, "bot": True, "flags": 0}


def user(user_id: int, name: str) -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": name,
            "avatar": None, "bot": False, "flags": 0}


@dataclass
class Member:
    id: int
    name: str
    roles: list[int] = field(default_factory=list)
    permissions: int = MEMBER_PERMISSIONS

    def payload(self) -> dict[str, Any]:
        return {"user": user(self.id, self.name), "roles": [str(r) for r in self.roles],
                "flags": 0, "joined_at": "2025-01-01T00:00:00+00:00", "deaf": False,
                "mute": False, "nick": None, "avatar": None,
                "permissions": str(self.permissions)}


@dataclass
class Guild:
    id: int
    channel_id: int
    roles: dict[int, str] = field(default_factory=dict)
    name: str = "server"

    def payload(self, members: list[Member]) -> dict[str, Any]:
        roles = [{"id": str(self.id), "name": "@everyone", "permissions": str(MEMBER_PERMISSIONS),
                  "position": 0, "color": 0, "hoist": False, "managed": False,
                  "mentionable": False, "flags": 0}]
        for i, (rid, rname) in enumerate(self.roles.items(), start=1):
            roles.append({"id": str(rid), "name": rname, "permissions": "0", "position": i,
                          "color": 0, "hoist": False, "managed": False, "mentionable": True,
                          "flags": 0})
        return {
            "id": str(self.id), "name": self.name, "icon": None, "owner_id": str(members[0].id),
            "roles": roles, "emojis": [], "stickers": [], "features": [],
            "member_count": len(members) + 1, "large": False, "unavailable": False,
            "verification_level": 0, "default_message_notifications": 0,
            "explicit_content_filter": 0, "mfa_level": 0, "premium_tier": 0,
            "preferred_locale": "en-US", "nsfw_level": 0, "system_channel_flags": 0,
            "joined_at": "2025-01-01T00:00:00+00:00",
            "channels": [{"id": str(self.channel_id), "type": 0, "name": "news",
                          "position": 0, "permission_overwrites": [], "nsfw": False,
                          "parent_id": None, "guild_id": str(self.id)}],
            "threads": [], "voice_states": [], "presences": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": [],
            "members": [m.payload() for m in members]
            + [{"user": BOT_USER, "roles": [], "flags": 0,
                "joined_at": "2025-01-01T00:00:00+00:00", "deaf": False, "mute": False}],
        }


@dataclass
class Exchange:
    """Everything the bot sent back for one interaction."""

    id: int
    token: str
    kind: int
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)
    original_deleted: bool = False

    @property
    def deferred_ephemeral(self) -> bool:
        for cb in self.callbacks:
            if cb["type"] == 5:
                return bool((cb.get("data") or {}).get("flags", 0) & EPHEMERAL)
        return False

    def visible(self) -> list[dict[str, Any]]:
        """The messages a user would see, each with 'ephemeral' as Discord decides it.

        The first follow-up after a deferral replaces the "thinking" message and keeps the
        deferral's visibility unless that message was deleted first, as on Discord.
        """
        shown: list[dict[str, Any]] = []
        for cb in self.callbacks:
            if cb["type"] in (4, 7):
                data = dict(cb.get("data") or {})
                data["ephemeral"] = bool(data.get("flags", 0) & EPHEMERAL)
                shown.append(data)
        for i, msg in enumerate(self.followups):
            data = dict(msg)
            if (
                i == 0
                and any(cb["type"] == 5 for cb in self.callbacks)
                and not msg.get("_after_delete")
            ):
                data["ephemeral"] = self.deferred_ephemeral
            else:
                data["ephemeral"] = bool(data.get("flags", 0) & EPHEMERAL)
            shown.append(data)
        return shown

    def finished(self) -> bool:
        if any(cb["type"] in (4, 6, 7, 8, 9) for cb in self.callbacks):
            return True
        return bool(self.followups)


@dataclass
class _Connection:
    """One gateway websocket: a shard of one bot process."""

    ws: web.WebSocketResponse
    shard: tuple[int, int] = (0, 1)
    session: str = ""
    seq: int = 0
    ready: bool = False


class FakeDiscord:
    """The fake: start(), then drive it with command(), autocomplete(), click(), say()."""

    def __init__(self, guilds: list[Guild], members: dict[int, list[Member]]) -> None:
        self.guilds = guilds
        self.members = members
        self.requests: list[tuple[str, str, Any]] = []
        self.violations: list[str] = []
        self.exchanges: dict[str, Exchange] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or guild id -> schema
        self.attachments: dict[str, bytes] = {}
        self.identifies = 0
        self.resumes = 0
        self._ids = itertools.count(1_000_000_000_000_000_000)
        self._conns: dict[int, _Connection] = {}  # by shard id
        self.shard_count = 1  # as the bots identify (every process must agree)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle ----------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/resume", self._gateway)
        app.router.add_get("/files/{name}", self._file)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for conn in list(self._conns.values()):
            if not conn.ws.closed:
                await conn.ws.close(code=1000)
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def next_id(self) -> int:
        return next(self._ids)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, check: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until check() is truthy; return its value."""

        async def loop() -> Any:
            async with self._changed:
                while True:
                    value = check()
                    if value:
                        return value
                    await self._changed.wait()

        return await asyncio.wait_for(loop(), timeout)

    # -- gateway ------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Every connected shard has had READY (or RESUMED) and is still connected."""
        return bool(self._conns) and all(c.ready and not c.ws.closed
                                         for c in self._conns.values())

    def shard_of(self, guild_id: int) -> int:
        """Discord's rule: shard = (guild_id >> 22) % shard_count."""
        return (guild_id >> 22) % self.shard_count

    def shard_ready(self, shard_id: int) -> bool:
        conn = self._conns.get(shard_id)
        return conn is not None and conn.ready and not conn.ws.closed

    async def _send(self, conn: _Connection, op: int, d: Any, t: str | None = None) -> None:
        payload: dict[str, Any] = {"op": op, "d": d, "s": None, "t": t}
        if op == 0:
            conn.seq += 1
            payload["s"] = conn.seq
        await conn.ws.send_str(json.dumps(payload))

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send an event on the connection of the shard its server belongs to (shard 0
        for a direct message)."""
        guild_id = data.get("guild_id")
        shard = self.shard_of(int(guild_id)) if guild_id is not None else 0
        await self.wait_for(lambda: self.shard_ready(shard))
        await self._send(self._conns[shard], 0, data, event)

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        if request.query.get("v") != "10" or request.query.get("encoding") != "json":
            self.violations.append(f"gateway query {dict(request.query)}")
        conn = _Connection(ws)
        await self._send(conn, 10, {"heartbeat_interval": 41250})
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            op = data.get("op")
            if op == 1:
                await self._send(conn, 11, None)
            elif op == 2:
                await self._identify(conn, data["d"])
            elif op == 6:
                await self._resume(conn, data["d"])
            else:
                self.violations.append(f"unexpected gateway op {op}")
        conn.ready = False
        await self._notify()
        return ws

    async def _identify(self, conn: _Connection, d: dict[str, Any]) -> None:
        self.identifies += 1
        if d.get("token") != "test-token":
            self.violations.append("identify with a wrong token")
        intents = int(d.get("intents", 0))
        if intents & (1 << 15):
            self.violations.append("asked for the privileged message content intent")
        if intents & (1 << 1):
            self.violations.append("asked for the privileged members intent")
        shard_id, shard_count = d.get("shard") or [0, 1]
        if self._conns and shard_count != self.shard_count:
            self.violations.append(f"shard count {shard_count} after {self.shard_count}")
        if not 0 <= shard_id < shard_count:
            self.violations.append(f"shard {shard_id} of {shard_count}")
        self.shard_count = shard_count
        conn.shard = (shard_id, shard_count)
        conn.session = f"fake-session-{shard_id}-{self.identifies}"
        conn.seq = 0
        self._conns[shard_id] = conn
        mine = [g for g in self.guilds if self.shard_of(g.id) == shard_id]
        await self._send(conn, 0, {
            "v": 10, "user": BOT_USER, "guilds": [{"id": str(g.id), "unavailable": True}
                                                  for g in mine],
            "session_id": conn.session,
            "resume_gateway_url": f"ws://127.0.0.1:{self.port}/resume",
            "application": {"id": str(APP_ID), "flags": 0}, "shard": [shard_id, shard_count],
        }, "READY")
        for g in mine:
            await self._send(conn, 0, g.payload(self.members[g.id]), "GUILD_CREATE")
        conn.ready = True
        await self._notify()

    async def _resume(self, conn: _Connection, d: dict[str, Any]) -> None:
        self.resumes += 1
        old = next((c for c in self._conns.values() if c.session == d.get("session_id")), None)
        if old is None or d.get("seq") != old.seq:
            self.violations.append(f"resume with session {d.get('session_id')} seq {d.get('seq')}")
        else:
            conn.shard, conn.session, conn.seq = old.shard, old.session, old.seq
            self._conns[conn.shard[0]] = conn
        await self._send(conn, 0, {}, "RESUMED")
        conn.ready = True
        await self._notify()

    async def drop_connection(self, code: int = 4000, shard_id: int = 0) -> None:
        """Close a shard's gateway socket with a resumable code, as Discord does now and then."""
        conn = self._conns[shard_id]
        conn.ready = False
        await conn.ws.close(code=code)

    # -- driving the bot ----------------------------------------------------------------

    def guild(self, guild_id: int) -> Guild:
        return next(g for g in self.guilds if g.id == guild_id)

    def schema(self, name: str) -> dict[str, Any]:
        for cmds in self.commands.values():
            for cmd in cmds:
                if cmd["name"] == name:
                    return cmd
        raise KeyError(f"command {name} was never synced")

    def _options(self, schema_options: list[dict[str, Any]], values: dict[str, Any],
                 focused: str | None) -> list[dict[str, Any]]:
        by_name = {o["name"]: o for o in schema_options}
        out = []
        for name, value in values.items():
            spec = by_name.get(name)
            kind = spec["type"] if spec else 3
            opt = {"name": name, "type": kind, "value": value}
            if name == focused:
                opt["focused"] = True
            out.append(opt)
        return out

    async def _interact(self, kind: int, data: dict[str, Any], *, guild_id: int | None,
                        member: Member, message: dict[str, Any] | None = None) -> Exchange:
        interaction_id = self.next_id()
        token = f"tok{interaction_id}"
        exchange = Exchange(interaction_id, token, kind)
        self.exchanges[token] = exchange
        payload: dict[str, Any] = {
            "id": str(interaction_id), "type": kind, "token": token, "version": 1,
            "application_id": str(APP_ID), "attachment_size_limit": 10 * 1024 * 1024,
            "data": data, "locale": "en-US", "app_permissions": "2147483647",
            "entitlements": [], "authorizing_integration_owners": {}, "context": 0,
        }
        if guild_id is not None:
            g = self.guild(guild_id)
            payload["guild_id"] = str(guild_id)
            payload["guild_locale"] = "en-US"
            payload["channel"] = {"id": str(g.channel_id), "type": 0, "guild_id": str(guild_id),
                                  "name": "news", "position": 0, "permission_overwrites": [],
                                  "nsfw": False, "parent_id": None}
            payload["channel_id"] = str(g.channel_id)
            payload["member"] = member.payload()
        else:
            dm = self.next_id()
            payload["context"] = 1
            payload["channel"] = {
                "id": str(dm),
                "type": 1,
                "recipients": [user(member.id, member.name)],
            }
            payload["channel_id"] = str(dm)
            payload["user"] = user(member.id, member.name)
        if message is not None:
            payload["message"] = message
        await self.dispatch("INTERACTION_CREATE", payload)
        return exchange

    async def command(self, name: str, member: Member, guild_id: int | None, *,
                      sub: str | None = None, resolved: dict[str, Any] | None = None,
                      global_command: bool = False, **values: Any) -> Exchange:
        schema = self.schema(name)
        options_spec = schema.get("options", [])
        if sub is not None:
            sub_spec = next(o for o in options_spec if o["name"] == sub)
            options = [{"name": sub, "type": 1,
                        "options": self._options(sub_spec.get("options", []), values, None)}]
        else:
            options = self._options(options_spec, values, None)
        data: dict[str, Any] = {
            "id": str(schema["id"]),
            "name": name,
            "type": 1,
            "options": options,
        }
        if guild_id is not None and not global_command:
            data["guild_id"] = str(guild_id)
        if resolved:
            data["resolved"] = resolved
        return await self._interact(2, data, guild_id=guild_id, member=member)

    async def autocomplete(self, name: str, member: Member, guild_id: int, focused: str,
                           **values: Any) -> list[dict[str, Any]]:
        schema = self.schema(name)
        data = {"id": str(schema["id"]), "name": name, "type": 1, "guild_id": str(guild_id),
                "options": self._options(schema.get("options", []), values, focused)}
        exchange = await self._interact(4, data, guild_id=guild_id, member=member)
        await self.wait_for(exchange.finished)
        cb = exchange.callbacks[-1]
        assert cb["type"] == 8, cb
        return cb["data"]["choices"]

    async def click(self, message: dict[str, Any], custom_id: str, member: Member,
                    guild_id: int) -> Exchange:
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interact(3, data, guild_id=guild_id, member=member, message=message)

    async def submit_modal(self, custom_id: str, member: Member, guild_id: int,
                           fields: dict[str, str]) -> Exchange:
        rows = [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
                for k, v in fields.items()]
        data = {"custom_id": custom_id, "components": rows}
        return await self._interact(5, data, guild_id=guild_id, member=member)

    async def open_thread(self, starter: dict[str, Any], guild_id: int) -> int:
        """A public thread started from a message (THREAD_CREATE); its id is the message's."""
        thread_id = int(starter["id"])
        await self.dispatch("THREAD_CREATE", {
            "id": str(thread_id), "guild_id": str(guild_id), "type": 11,
            "parent_id": str(self.guild(guild_id).channel_id), "owner_id": str(BOT_ID),
            "name": "follow-up", "member_count": 1, "message_count": 0, "rate_limit_per_user": 0,
            "newly_created": True,
            "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "locked": False,
                                "archive_timestamp": "2025-03-01T10:00:00+00:00"},
        })
        return thread_id

    async def say(self, member: Member, guild_id: int | None, content: str,
                  mention_bot: bool = True, reply_to: dict[str, Any] | None = None,
                  thread_id: int | None = None, resolve_reply: bool = True) -> dict[str, Any]:
        """A channel message (MESSAGE_CREATE); with mention_bot it @mentions the bot,
        reply_to makes it a reply (with the replied message resolved, as Discord sends it,
        unless resolve_reply is False), thread_id posts it in that thread."""
        message_id = self.next_id()
        data: dict[str, Any] = {
            "id": str(message_id), "content": content, "author": user(member.id, member.name),
            "timestamp": "2025-03-01T10:00:00+00:00", "edited_timestamp": None, "tts": False,
            "mention_everyone": False, "mention_roles": [], "attachments": [], "embeds": [],
            "pinned": False, "type": 0, "flags": 0, "components": [],
            "mentions": [dict(BOT_USER)] if mention_bot else [],
        }
        if guild_id is not None:
            g = self.guild(guild_id)
            data["channel_id"] = str(g.channel_id)
            data["guild_id"] = str(guild_id)
            member_data = member.payload()
            member_data.pop("user")
            data["member"] = member_data
            if thread_id is not None:
                data["channel_id"] = str(thread_id)
        else:
            data["channel_id"] = str(self.next_id())
        if reply_to is not None:
            data["type"] = 19
            data["message_reference"] = {"message_id": reply_to["id"],
                                         "channel_id": reply_to["channel_id"],
                                         **({"guild_id": str(guild_id)} if guild_id else {})}
            if resolve_reply:
                data["referenced_message"] = reply_to
        await self.dispatch("MESSAGE_CREATE", data)
        return data

    def replies_to(self, message_id: str) -> list[dict[str, Any]]:
        return [m for m in self.messages.values()
                if str((m.get("message_reference") or {}).get("message_id")) == str(message_id)]

    def add_attachment(self, name: str, data: bytes, size: int | None = None) -> dict[str, Any]:
        """An uploaded file the bot can download from this server; the resolved payload."""
        att_id = self.next_id()
        self.attachments[name] = data
        url = f"http://127.0.0.1:{self.port}/files/{name}"
        return {"id": str(att_id), "filename": name, "size": len(data) if size is None else size,
                "url": url, "proxy_url": url, "content_type": "text/plain"}

    # -- REST ---------------------------------------------------------------------------

    async def _file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self.attachments:
            return web.Response(status=404)
        return web.Response(body=self.attachments[name], content_type="application/octet-stream")

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        return web.Response(status=status, body=json.dumps(data).encode(),
                            headers={"Content-Type": "application/json"})

    async def _body(self, request: web.Request) -> Any:
        if request.content_type == "multipart/form-data":
            reader = await request.multipart()
            payload: Any = None
            async for part in reader:
                if part.name == "payload_json":  # type: ignore[union-attr]
                    payload = json.loads(await part.text())  # type: ignore[union-attr]
            return payload
        if request.can_read_body:
            return json.loads(await request.text() or "null")
        return None

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["path"]
        body = await self._body(request)
        self.requests.append((request.method, path, body))
        token_free = path.startswith(("/interactions/", "/webhooks/"))  # the token is in the URL
        auth = request.headers.get("Authorization")
        if not token_free and auth != "Bot test-token":
            if auth is None:
                self.violations.append(f"{request.method} {path} without the bot token")
            await self._notify()
            return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        try:
            return await self._route(request.method, path, body, request)
        finally:
            await self._notify()

    async def _route(
        self, method: str, path: str, body: Any, request: web.Request
    ) -> web.StreamResponse:
        """The endpoints by group, in order; a request none of them takes is a violation."""
        response = self._route_application(method, path, body)
        if response is None:
            response = await self._route_interaction(method, path, body, request)
        if response is None:
            response = self._route_channel(method, path, body)
        if response is not None:
            return response
        self.violations.append(f"unexpected request {method} {path}")
        return self._json({"message": "404: Not Found", "code": 0}, status=404)

    def _route_application(self, method: str, path: str, body: Any) -> web.Response | None:
        """The bot user, the application, and command registration."""
        if method == "GET" and path == "/users/@me":
            return self._json(BOT_USER)
        if method == "GET" and path == "/oauth2/applications/@me":
            return self._json({
                "id": str(APP_ID), "name": "newsdesk", "description": "", "icon": None,
                "bot_public": True, "bot_require_code_grant": False, "verify_key": "0" * 64,
                "owner": user(1, "owner"), "flags": 0, "rpc_origins": [],
                "interactions_endpoint_url": None,
            })
        m = re.fullmatch(r"/applications/(\d+)(?:/guilds/(\d+))?/commands", path)
        if m and method == "PUT":
            scope = m.group(2) or "global"
            stored = []
            for cmd in body:
                self._check_command(cmd)
                stored.append(
                    {
                        **cmd,
                        "id": str(self.next_id()),
                        "application_id": str(APP_ID),
                        "version": "1",
                        **({"guild_id": scope} if scope != "global" else {}),
                    }
                )
            self.commands[scope] = stored
            return self._json(stored)
        return None

    async def _route_interaction(self, method: str, path: str, body: Any,
                                 request: web.Request) -> web.Response | None:
        """Interaction callbacks and the follow-ups and edits sent through the webhook."""
        m = re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path)
        if m and method == "POST":
            return await self._callback(m.group(1), m.group(2), body, request)
        m = re.fullmatch(r"/webhooks/(\d+)/([^/]+)", path)
        if m and method == "POST":
            exchange = self.exchanges[m.group(2)]
            self._check_message(body, f"follow-up {path}")
            if exchange.original_deleted:
                body = {**body, "_after_delete": True}
            exchange.followups.append(body)
            return self._json(self._store_message(body, channel_id=None, webhook=True))
        m = re.fullmatch(r"/webhooks/(\d+)/([^/]+)/messages/([^/]+)", path)
        if m:
            exchange = self.exchanges[m.group(2)]
            if method == "DELETE" and m.group(3) == "@original":
                exchange.original_deleted = True
                return web.Response(status=204)
            if method == "PATCH":
                self._check_message(body, f"edit {path}", edit=True)
                exchange.edits.append(body)
                stored = self.messages.get(int(m.group(3))) if m.group(3).isdigit() else None
                if stored is not None:
                    stored.update(
                        {k: v for k, v in body.items() if k in ("content", "embeds", "components")}
                    )
                    return self._json(stored)
                return self._json(self._store_message(body, channel_id=None, webhook=True))
        return None

    def _route_channel(self, method: str, path: str, body: Any) -> web.Response | None:
        """Channel messages (the bot's replies to mentions) and the typing indicator."""
        m = re.fullmatch(r"/channels/(\d+)/messages", path)
        if m and method == "POST":
            self._check_message(body, f"message {path}")
            return self._json(self._store_message(body, channel_id=int(m.group(1))))
        m = re.fullmatch(r"/channels/(\d+)/messages/(\d+)", path)
        if m and method == "GET":
            found = self.messages.get(int(m.group(2)))
            if found is None or found.get("channel_id") != m.group(1):
                return self._json({"message": "Unknown Message", "code": 10008}, status=404)
            return self._json(found)
        if m and method == "PATCH":
            self._check_message(body, f"edit {path}", edit=True)
            stored = self.messages[int(m.group(2))]
            stored.update(
                {k: v for k, v in body.items() if k in ("content", "embeds", "components")}
            )
            stored.setdefault("_edits", []).append(body)
            return self._json(stored)
        if re.fullmatch(r"/channels/(\d+)/typing", path) and method == "POST":
            return web.Response(status=204)
        return None

    async def _callback(self, interaction_id: str, token: str, body: Any,
                        request: web.Request) -> web.Response:
        exchange = self.exchanges.get(token)
        if exchange is None or str(exchange.id) != interaction_id:
            self.violations.append(f"callback for unknown interaction {interaction_id}")
            return self._json({"message": "Unknown interaction", "code": 10062}, status=404)
        if exchange.callbacks:
            self.violations.append(f"second callback for interaction {interaction_id}")
            return self._json({"message": "Interaction has already been acknowledged.",
                               "code": 40060}, status=400)
        kind = body.get("type")
        data = body.get("data") or {}
        self._check_callback(kind, data)
        exchange.callbacks.append(body)
        resource: dict[str, Any] = {"type": kind}
        if kind in (4, 7):
            resource["message"] = self._store_message(data, channel_id=None, webhook=True)
        return self._json({
            "interaction": {"id": interaction_id, "type": exchange.kind,
                            "response_message_loading": kind == 5,
                            "response_message_ephemeral": bool(data.get("flags", 0) & EPHEMERAL)},
            "resource": resource,
        })

    def _check_callback(self, kind: Any, data: dict[str, Any]) -> None:
        """What Discord checks of a callback of each type: a message, choices, a modal."""
        if kind in (4, 7):
            self._check_message(data, f"callback type {kind}", edit=kind == 7)
        elif kind == 8:
            choices = data.get("choices")
            if not isinstance(choices, list) or len(choices) > 25:
                self.violations.append(f"autocomplete with {choices!r}")
            for c in choices or []:
                if not 1 <= len(c.get("name", "")) <= 100 or len(str(c.get("value", ""))) > 100:
                    self.violations.append(f"autocomplete choice {c!r}")
        elif kind == 9:
            if len(data.get("title", "")) > 45 or len(data.get("custom_id", "")) > 100:
                self.violations.append(f"modal {data!r}")
        elif kind not in (5, 6):
            self.violations.append(f"callback type {kind}")

    def _store_message(self, body: dict[str, Any], channel_id: int | None,
                       webhook: bool = False) -> dict[str, Any]:
        message_id = self.next_id()
        channel = channel_id or self.guilds[0].channel_id
        message = {
            "id": str(message_id), "channel_id": str(channel), "author": BOT_USER,
            "content": body.get("content") or "", "timestamp": "2025-03-01T10:00:01+00:00",
            "edited_timestamp": None, "tts": False, "mention_everyone": False, "mentions": [],
            "mention_roles": [], "attachments": [], "embeds": body.get("embeds") or [],
            "components": body.get("components") or [], "pinned": False, "type": 0,
            "flags": body.get("flags", 0),
        }
        if body.get("message_reference"):
            message["message_reference"] = body["message_reference"]
            message["type"] = 19
        if webhook:
            message["webhook_id"] = str(APP_ID)
            message["application_id"] = str(APP_ID)
        self.messages[message_id] = message
        return message

    # -- validation ---------------------------------------------------------------------

    def _check_message(self, body: Any, where: str, edit: bool = False) -> None:
        if not isinstance(body, dict):
            self.violations.append(f"{where}: body is not an object")
            return
        has_text = "content" in body or "embeds" in body
        if has_text or not edit:
            self._check_mentions(body.get("allowed_mentions"), where)
        content = body.get("content") or ""
        if len(content) > 2000:
            self.violations.append(f"{where}: content of {len(content)} characters")
        embeds = body.get("embeds") or []
        if len(embeds) > 10:
            self.violations.append(f"{where}: {len(embeds)} embeds")
        total = 0
        for e in embeds:
            total += self._check_embed(e, where)
        if total > 6000:
            self.violations.append(f"{where}: embeds total {total} characters")
        if not edit and not content and not embeds and not body.get("components"):
            self.violations.append(f"{where}: empty message")
        self._check_components(body.get("components") or [], where)

    def _check_mentions(self, mentions: dict[str, Any] | None, where: str) -> None:
        """A message with text must say it pings nobody."""
        if mentions is None:
            self.violations.append(f"{where}: no allowed_mentions")
        elif mentions.get("parse") != [] or mentions.get("users") or mentions.get("roles") \
                or mentions.get("replied_user"):
            self.violations.append(f"{where}: allowed_mentions {mentions!r} may ping")

    def _check_components(self, rows: list[dict[str, Any]], where: str) -> None:
        for row in rows:
            for comp in row.get("components", []):
                if len(comp.get("custom_id", "")) > 100 or len(comp.get("label") or "") > 80:
                    self.violations.append(f"{where}: component {comp!r}")

    def _check_embed(self, e: dict[str, Any], where: str) -> int:
        def limit(value: Any, n: int, what: str) -> int:
            text = value or ""
            if len(text) > n:
                self.violations.append(f"{where}: embed {what} of {len(text)} characters")
            return len(text)

        size = limit(e.get("title"), 256, "title")
        size += limit(e.get("description"), 4096, "description")
        fields = e.get("fields") or []
        if len(fields) > 25:
            self.violations.append(f"{where}: {len(fields)} fields")
        for f in fields:
            size += limit(f.get("name"), 256, "field name")
            size += limit(f.get("value"), 1024, "field value")
            if not f.get("name") or not f.get("value"):
                self.violations.append(f"{where}: empty field {f!r}")
        size += limit((e.get("footer") or {}).get("text"), 2048, "footer")
        size += limit((e.get("author") or {}).get("name"), 256, "author")
        url = e.get("url")
        if url is not None and not re.match(r"https?://\S+$", url):
            self.violations.append(f"{where}: embed url {url!r}")
        if not (e.get("title") or e.get("description") or fields):
            self.violations.append(f"{where}: empty embed")
        return size

    def _check_command(self, cmd: dict[str, Any], depth: int = 0) -> None:
        name = cmd.get("name", "")
        where = f"command {name}"
        if not COMMAND_NAME_RE.match(name) or name != name.lower():
            self.violations.append(f"{where}: bad name")
        description = cmd.get("description", "")
        if not 1 <= len(description) <= 100:
            self.violations.append(f"{where}: description of {len(description)} characters")
        options = cmd.get("options") or []
        if len(options) > 25:
            self.violations.append(f"{where}: {len(options)} options")
        seen_optional = False
        for opt in options:
            if opt.get("type") in (1, 2):
                self._check_option_name(opt, where)
                self._check_command(opt, depth + 1)
                continue
            seen_optional = self._check_option(opt, where, seen_optional)

    def _check_option_name(self, opt: dict[str, Any], where: str) -> None:
        kind = opt.get("type")
        oname = opt.get("name", "")
        if kind not in OPTION_TYPES:
            self.violations.append(f"{where}: option {oname} type {kind}")
        if not COMMAND_NAME_RE.match(oname) or oname != oname.lower():
            self.violations.append(f"{where}: option name {oname!r}")
        if not 1 <= len(opt.get("description", "")) <= 100:
            self.violations.append(f"{where}: option {oname} description")

    def _check_option(self, opt: dict[str, Any], where: str, seen_optional: bool) -> bool:
        """One value option; returns whether an optional one has been seen by now (required
        options must come first)."""
        self._check_option_name(opt, where)
        kind = opt.get("type")
        oname = opt.get("name", "")
        if opt.get("required"):
            if seen_optional:
                self.violations.append(f"{where}: required option {oname} after optional")
        else:
            seen_optional = True
        if opt.get("autocomplete") and kind not in (3, 4, 10):
            self.violations.append(f"{where}: autocomplete on type {kind}")
        if len(opt.get("choices") or []) > 25:
            self.violations.append(f"{where}: option {oname} choices")
        return seen_optional
