// Live arrival of direct messages in an open conversation. The message HTML comes sanitised
// from the server; it is appended at the end and announced politely, focus stays put.
import { io } from "../vendor/socket.io.esm.min.js";
import { announce } from "./main.js";

const list = document.querySelector("[data-conversation]");
if (list) {
  const id = Number(list.dataset.conversation);
  const me = document.body.dataset.user;
  const socket = io({ transports: ["websocket", "polling"] });
  socket.on("message:created", (data) => {
    if (data.conversation_id !== id || list.querySelector(`[data-id="${data.id}"]`)) return;
    const item = document.createElement("li");
    item.className = "message" + (data.sender === me ? " mine" : "");
    item.dataset.id = String(data.id);
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = data.sender || "";
    const body = document.createElement("div");
    body.className = "body";
    body.innerHTML = data.body_html;
    item.append(meta, body);
    const empty = list.querySelector(".empty");
    if (empty) empty.remove();
    list.append(item);
    if (data.sender !== me) announce(`${data.sender}: ${body.textContent}`);
  });
}
