"""A loopback TCP proxy that drops, delays and cuts responses (asyncio, 127.0.0.1 only, bounded).

Each connection gets one fate from a seeded RNG while faults are on: pass, drop (close at
once), delay (hold the request), cut (forward the request, then send only part of the
answer and close) or reset. `heal()` stops the faults. At most `max_faults` faults happen.
"""

from __future__ import annotations

import asyncio
import random
import threading


class FaultProxy:
    def __init__(self, upstream_port: int, *, seed: int = 7, fault_rate: float = 0.6, max_faults: int = 40,
                 delay_s: float = 0.3) -> None:
        self.upstream_port = upstream_port
        self.rng = random.Random(seed)
        self.fault_rate, self.max_faults, self.delay_s = fault_rate, max_faults, delay_s
        self.faults: dict[str, int] = {"drop": 0, "delay": 0, "cut": 0, "reset": 0}
        self.passed = 0
        self.healed = False
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        self._ready.wait(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def heal(self) -> None:
        self.healed = True

    def _fate(self) -> str:
        if self.healed or sum(self.faults.values()) >= self.max_faults or self.rng.random() >= self.fault_rate:
            return "pass"
        return self.rng.choice(["drop", "delay", "cut", "reset"])

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def start():
            self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
            self.port = self.server.sockets[0].getsockname()[1]
            self._ready.set()

        self.loop.run_until_complete(start())
        self.loop.run_forever()

    async def _handle(self, creader: asyncio.StreamReader, cwriter: asyncio.StreamWriter) -> None:
        fate = self._fate()
        if fate == "pass":
            self.passed += 1
        else:
            self.faults[fate] += 1
        try:
            if fate == "drop":
                return
            ureader, uwriter = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            try:
                if fate == "delay":
                    await asyncio.sleep(self.delay_s)
                up = asyncio.create_task(self._pipe(creader, uwriter))
                if fate in ("cut", "reset"):
                    data = await asyncio.wait_for(ureader.read(65536), 30)
                    if fate == "cut":
                        cwriter.write(data[: max(1, len(data) // 2)])
                        await cwriter.drain()
                    else:
                        sock = cwriter.get_extra_info("socket")
                        import socket
                        import struct

                        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                await self._pipe(ureader, cwriter)
                up.cancel()
            finally:
                uwriter.close()
        except (ConnectionError, asyncio.TimeoutError, OSError):
            pass
        finally:
            cwriter.close()

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            try:
                writer.close()
            except Exception:
                pass

    def close(self) -> None:
        async def stop():
            self.server.close()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
