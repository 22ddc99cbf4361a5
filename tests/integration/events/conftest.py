"""Helpers for realtime tests: recording events, a relay in a thread, a killable path to Redis."""

from __future__ import annotations

import socket
import threading
import uuid

import pytest

from core.db.uow import property_uow


def record(property_id: uuid.UUID, topic: str = "reservations", type: str = "reservation.created",
           n: int = 1, **payload) -> None:
    """Commit `n` events, each in its own unit of work (as n separate bookings would)."""
    for i in range(n):
        with property_uow(property_id) as uow:
            uow.record_event(topic, type, f"{topic}-{i}", {"n": i, **payload})
            uow.commit()


class RedisProxy:
    """A TCP pass-through to the real Redis that the test can cut and restore.

    It stands for "Redis went away" without stopping the Redis server other people use.
    """

    def __init__(self, target: tuple[str, int] = ("127.0.0.1", 6379)):
        self.target = target
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self.port = _free_port()
        self.up()

    def up(self) -> None:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(64)
        self._listener = sock
        threading.Thread(target=self._accept, args=(sock,), daemon=True).start()

    def down(self) -> None:
        if self._listener is not None:
            # shutdown first: a bare close() does not wake the thread blocked in accept(), which
            # would keep accepting (and proxying) new connections.
            try:
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        for conn in self._conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()
        self._conns.clear()

    def url(self, db: int = 15) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(a, b), daemon=True).start()


def _pipe(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def record_events():
    """`record_events(property_id, topic, type, n=1, **payload)` commits events one by one."""
    return record


@pytest.fixture
def redis_proxy(redis_url):
    proxy = RedisProxy()
    yield proxy
    proxy.down()


@pytest.fixture
def sqlite_property_id(sqlite_tenant):
    """One property on SQLite, for behaviour that does not depend on the database."""
    return sqlite_tenant.make_property()
