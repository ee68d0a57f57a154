// Live debate page: new posts arrive in place, typing and presence, replies over the socket.
// The page works without this file (forms post, pages reload); this only enhances it.
import { io } from "../vendor/socket.io.esm.min.js";
import { announce, csrfToken } from "./main.js";

const root = document.getElementById("debate");
if (root) start(root);

function start(root) {
  const debateId = Number(root.dataset.debateId);
  const list = root.querySelector("[data-posts]");
  const strings = document.querySelector("[data-strings]").dataset;
  const template = document.getElementById("post-template");
  const banner = root.querySelector("[data-new-posts]");
  const showButton = root.querySelector("[data-show-new]");
  const typingLine = root.querySelector("[data-typing]");
  const presenceLine = document.querySelector("[data-presence]");
  const statusLine = root.querySelector("[data-live-status]");
  const form = root.querySelector("[data-reply-form]");
  const onLastPage = root.dataset.lastPage === "true";
  const canReact = root.dataset.canReact === "true";
  const me = document.body.dataset.user;
  const known = new Set([...list.querySelectorAll("[data-post-id]")].map((li) => Number(li.dataset.postId)));
  const pending = [];
  const typists = new Map();
  let lastId = Number(root.dataset.lastPostId) || 0;
  let newestUrl = null;
  let wasOffline = false;

  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
  const itemFor = (id) => list.querySelector(`[data-post-id="${id}"]`);

  const socket = io({ withCredentials: true });

  socket.on("connect", () => {
    socket.emit("debate:join", { debate_id: debateId }, (ack) => {
      if (!ack || !ack.ok) return;
      showPresence(ack.viewers || [], ack.count);
      // Pages before the last one only count what arrives live; later pages already exist.
      if (onLastPage) catchUp();
    });
    if (wasOffline) {
      statusLine.hidden = true;
      announce(strings.online);
      wasOffline = false;
    }
  });

  socket.on("disconnect", () => {
    wasOffline = true;
    statusLine.textContent = strings.offline;
    statusLine.hidden = false;
  });

  socket.on("post:created", (data) => {
    if (data.debate_id === debateId) receive(data.post);
  });
  socket.on("post:updated", (data) => {
    if (data.debate_id !== debateId) return;
    const waiting = pending.find((p) => p.id === data.post.id);
    if (waiting) Object.assign(waiting, data.post);
    const li = itemFor(data.post.id);
    if (!li || data.post.deleted) return;
    li.querySelector(".prose").innerHTML = data.post.body_html;  // sanitised by the server
    const edited = li.querySelector(".edited");
    if (edited) edited.hidden = false;
    setCounts(li, data.post.reactions);
  });
  socket.on("post:deleted", (data) => {
    if (data.debate_id !== debateId) return;
    const index = pending.findIndex((p) => p.id === data.post_id);
    if (index >= 0) { pending.splice(index, 1); updateBanner(); }
    const article = itemFor(data.post_id)?.querySelector("article");
    if (!article) return;
    const head = article.querySelector(".post-head");
    article.replaceChildren(head);
    const note = document.createElement("p");
    note.className = "tombstone";
    note.textContent = strings.deleted;
    article.append(note);
    itemFor(data.post_id).classList.add("deleted");
  });
  socket.on("reactions:updated", (data) => {
    const li = data.debate_id === debateId && itemFor(data.post_id);
    if (li) setCounts(li, data.reactions);
  });
  socket.on("typing", (data) => {
    if (data.debate_id !== debateId) return;
    const name = data.user.display_name;
    window.clearTimeout(typists.get(name));
    typists.set(name, window.setTimeout(() => { typists.delete(name); showTyping(); }, 6000));
    showTyping();
  });
  socket.on("presence", (data) => {
    if (data.debate_id === debateId) showPresence(data.viewers, data.count);
  });

  // After a drop (or right after joining), fetch everything newer than what we have.
  async function catchUp() {
    let after = lastId;
    for (let round = 0; round < 20; round += 1) {
      const response = await fetch(`${root.dataset.postsUrl}?after=${after}&limit=100`,
        { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const page = await response.json();
      page.items.forEach((post) => receive(post));
      if (!page.next || !page.items.length) return;
      after = page.items[page.items.length - 1].id;
    }
  }

  function receive(post) {
    if (known.has(post.id) || post.id <= Number(root.dataset.lastPostId)) return;
    known.add(post.id);
    lastId = Math.max(lastId, post.id);
    newestUrl = post.url;
    if (onLastPage && post.author && post.author.username === me) {
      insert([post]);
      return;
    }
    pending.push(post);
    updateBanner();
    announce(fill(strings.arrived, { name: post.author ? post.author.display_name : "" }));
  }

  function updateBanner() {
    if (!pending.length) { banner.hidden = true; return; }
    showButton.textContent = pending.length === 1 ? strings.newOne
      : fill(strings.newMany, { n: pending.length });
    banner.hidden = false;
  }

  showButton.addEventListener("click", () => {
    if (!onLastPage) { window.location.assign(newestUrl); return; }
    const first = insert(pending.splice(0));
    updateBanner();
    if (first) { first.tabIndex = -1; first.focus(); }
  });

  function insert(posts) {
    let first = null;
    posts.forEach((post) => {
      const li = build(post);
      list.append(li);
      first = first || li;
    });
    root.querySelector("[data-empty]")?.remove();
    return first;
  }

  function build(post) {
    const li = template.content.firstElementChild.cloneNode(true);
    const slot = (name) => li.querySelector(`[data-slot="${name}"]`);
    const name = post.author ? post.author.display_name : "";
    li.id = `post-${post.id}`;
    li.dataset.postId = post.id;
    li.classList.add("is-new");
    slot("initials").textContent = name.split(/\s+/).slice(0, 2).map((w) => w[0] || "").join("").toUpperCase();
    slot("author").textContent = name;
    slot("permalink").href = post.url;
    const time = slot("time");
    time.dateTime = post.created_at;
    time.textContent = new Date(post.created_at).toLocaleString(document.documentElement.lang);
    if (post.edited_at) slot("edited").hidden = false;
    if (post.reply_to) {
      slot("quote").hidden = false;
      const link = slot("quote-link");
      link.href = post.reply_to.url;
      link.textContent = fill(strings.inReplyTo, { name: post.reply_to.author ? post.reply_to.author.display_name : "" });
      slot("quote-text").textContent = post.reply_to.excerpt;
    }
    slot("body").innerHTML = post.body_html;  // sanitised by the server
    if (canReact) {
      li.querySelectorAll("[data-react-form]").forEach((f) => { f.action = `${post.url}/reactions`; });
      setCounts(li, post.reactions || {});
    } else {
      slot("reactions").remove();
    }
    const reply = slot("reply");
    if (reply) reply.dataset.replyTo = post.id;
    if (post.author && post.author.username === me) {
      slot("edit").href = `${post.url}/edit`;
      slot("edit").hidden = false;
    }
    return li;
  }

  function setCounts(li, counts) {
    li.querySelectorAll("[data-kind]").forEach((el) => {
      const count = el.querySelector("[data-count]");
      if (count) count.textContent = counts[el.dataset.kind] || 0;
    });
  }

  function showTyping() {
    const names = [...typists.keys()];
    typingLine.textContent = !names.length ? ""
      : names.length === 1 ? fill(strings.typingOne, { name: names[0] })
        : fill(strings.typingMany, { names: names.join(", ") });
  }

  // The server names the first few readers and counts them all (count includes me).
  function showPresence(viewers, count) {
    if (!presenceLine) return;
    const others = viewers.filter((v) => v.username !== me).map((v) => v.display_name);
    const unnamed = Math.max(0, (count ?? viewers.length) - viewers.length);
    if (!others.length && !unnamed) presenceLine.textContent = strings.presenceNone;
    else if (!unnamed) presenceLine.textContent = others.join(", ");
    else presenceLine.textContent = fill(strings.presenceMore, { names: others.join(", "), n: unnamed });
  }

  // Reactions without a reload, through the API; the plain form is the fallback.
  list.addEventListener("submit", async (event) => {
    const f = event.target.closest(".reactions form");
    if (!f) return;
    event.preventDefault();
    const button = f.querySelector("button");
    const pressed = button.getAttribute("aria-pressed") === "true";
    const postId = f.closest("[data-post-id]").dataset.postId;
    const response = await fetch(`/api/v1/posts/${postId}/reactions/${button.dataset.kind}`, {
      method: pressed ? "DELETE" : "PUT", credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    }).catch(() => null);
    if (!response || !response.ok) { f.submit(); return; }
    const data = await response.json();
    button.setAttribute("aria-pressed", pressed ? "false" : "true");
    f.querySelector('input[name="action"]').value = pressed ? "add" : "remove";
    setCounts(f.closest("[data-post-id]"), data.reactions);
  });

  // "Reply" links fill the hidden reply_to field instead of reloading.
  root.addEventListener("click", (event) => {
    const link = event.target.closest("[data-reply-to]");
    if (!link || !form) return;
    event.preventDefault();
    const li = link.closest("[data-post-id]");
    form.querySelector("[data-reply-to-field]").value = link.dataset.replyTo;
    const note = form.querySelector("[data-replying-to]");
    note.textContent = fill(strings.replyingTo, { name: li.querySelector(".post-author").textContent.trim() });
    note.hidden = false;
    form.querySelector("textarea").focus();
  });

  if (!form) return;
  const textarea = form.querySelector("textarea");
  let lastTyping = 0;
  textarea.addEventListener("input", () => {
    const now = Date.now();
    if (socket.connected && now - lastTyping > 3000) {
      lastTyping = now;
      socket.emit("typing", { debate_id: debateId }, () => {});
    }
  });

  form.addEventListener("submit", (event) => {
    if (!socket.connected || !onLastPage) return;  // the ordinary POST does the job
    event.preventDefault();
    const replyField = form.querySelector("[data-reply-to-field]");
    const payload = { debate_id: debateId, body: textarea.value,
      reply_to: replyField.value ? Number(replyField.value) : null };
    let answered = false;
    const fallback = window.setTimeout(() => {
      if (!answered) { announce(strings.sendFailed); form.submit(); }
    }, 8000);
    socket.emit("post:create", payload, (ack) => {
      answered = true;
      window.clearTimeout(fallback);
      clearError();
      if (ack && ack.ok) {
        textarea.value = "";
        replyField.value = "";
        form.querySelector("[data-replying-to]").hidden = true;
        receive(ack.post);
        if (pending.length) showButton.click();
        return;
      }
      if (ack && ack.error && ack.error.code === "server_error") { form.submit(); return; }
      showError(ack && ack.error ? (ack.error.fields && ack.error.fields.body) || ack.error.message : strings.sendFailed);
    });
  });

  function clearError() {
    form.querySelector("[data-live-error]")?.remove();
    textarea.removeAttribute("aria-invalid");
  }

  function showError(message) {
    const p = document.createElement("p");
    p.className = "error";
    p.id = "reply-live-error";
    p.dataset.liveError = "";
    p.setAttribute("role", "alert");
    p.textContent = message;
    textarea.before(p);
    textarea.setAttribute("aria-invalid", "true");
    textarea.setAttribute("aria-describedby", "reply-live-error");
    textarea.focus();
  }
}
