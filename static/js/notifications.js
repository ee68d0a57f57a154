// Live unread count: the server pushes `notification` to this member's room; the badge in the
// header updates and the news is announced politely. Without JavaScript the count shows on
// every page load.
import { io } from "../vendor/socket.io.esm.min.js";
import { announce } from "./main.js";

const link = document.querySelector(".notifications-link");
const badge = link && link.querySelector("[data-unread-count]");

function setCount(n) {
  if (!badge) return;
  badge.textContent = String(n);
  link.dataset.unread = String(n);
}

if (link && document.body.dataset.user) {
  const socket = io({ transports: ["websocket", "polling"] });
  socket.on("notification", (data) => {
    if (typeof data.unread === "number") setCount(data.unread);
    if (data.text) announce(data.text);
  });
  socket.on("message:created", (data) => {
    const counter = document.querySelector("[data-messages-unread]");
    if (counter && typeof data.unread_total === "number") {
      counter.textContent = String(data.unread_total);
    }
  });
}
