"""Many lightweight Socket.IO clients in one thread: raw Engine.IO v4 over WebSocket.

A full python-socketio client costs a few threads per connection; a benchmark holding hundreds
or thousands of sockets would measure its own overhead. Here one selector thread reads every
socket, answers the server's pings and timestamps the events that arrive.
"""

import json
import selectors
import threading
import time

import websocket


class Swarm:
    def __init__(self, base_url: str, token: str, count: int):
        self.ws_url = base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        self.token = token
        self.count = count
        self.sockets: list[websocket.WebSocket] = []
        self.on_event = None  # fn(index, name, data, monotonic_time)
        self._selector = selectors.DefaultSelector()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.closed = 0

    def connect(self) -> "Swarm":
        for _ in range(self.count):
            ws = websocket.create_connection(self.ws_url, timeout=30)
            opening = ws.recv()
            if not opening.startswith("0"):
                raise RuntimeError(f"unexpected opening packet {opening!r}")
            ws.send("40" + json.dumps({"token": self.token}))
            reply = ws.recv()
            while reply == "2":
                ws.send("3")
                reply = ws.recv()
            if not reply.startswith("40"):
                raise RuntimeError(f"connection refused: {reply!r}")
            self.sockets.append(ws)
        return self

    def call_each(self, event: str, data: dict, pause: float = 0.0) -> list:
        """Emit an event with an acknowledgement on every socket, waiting for each answer."""
        answers = []
        for ws in self.sockets:
            ws.send(f'421{json.dumps([event, data])}')
            while True:
                packet = ws.recv()
                if packet == "2":
                    ws.send("3")
                elif packet.startswith("431"):
                    answers.append(json.loads(packet[3:])[0])
                    break
            if pause:
                time.sleep(pause)
        return answers

    def start_reading(self) -> None:
        for index, ws in enumerate(self.sockets):
            ws.settimeout(None)
            self._selector.register(ws.sock, selectors.EVENT_READ, (index, ws))
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            for key, _ in self._selector.select(timeout=0.2):
                index, ws = key.data
                try:
                    packet = ws.recv()
                except Exception:
                    self._selector.unregister(key.fileobj)
                    self.closed += 1
                    continue
                if packet == "" or packet.startswith("1"):  # closed by the server
                    self._selector.unregister(key.fileobj)
                    self.closed += 1
                    continue
                now = time.monotonic()
                if packet == "2":
                    ws.send("3")
                elif packet.startswith("42") and self.on_event is not None:
                    name, *args = json.loads(packet[2:])
                    self.on_event(index, name, args[0] if args else None, now)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        for ws in self.sockets:
            try:
                ws.close()
            except Exception:
                pass
