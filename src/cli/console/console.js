// kato console: live parts of the Cluster and Nodes pages. Data goes into the page only
// through textContent (never as HTML). No framework, no build step.
"use strict";
(function () {
  const csrf = (document.querySelector('meta[name="csrf"]') || {}).content || "";
  const $ = (sel, el) => (el || document).querySelector(sel);
  const $$ = (sel, el) => Array.from((el || document).querySelectorAll(sel));
  const cell = (tr, text, cls) => {
    const td = document.createElement("td");
    td.textContent = String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
  };

  function showCluster(st) {
    for (const tr of $$("#roles tbody tr")) {
      const s = st.roles_stats[tr.dataset.role];
      if (!s) continue;
      const running = s.node_ids.filter((n) => !s.issue_node_ids.includes(n)).length;
      $(".nodes", tr).textContent = s.node_ids.length;
      $(".running", tr).textContent = running;
      const ids = s.issues.map((i) => i.id).join(" ");
      $(".issues", tr).textContent = s.node_ids.length === 0 && s.required ? "required" : ids || "none";
      tr.className = s.node_ids.length === 0 && s.required ? "bad" : s.issues.length ? "bad" : "good";
    }
    const body = $("#issues tbody");
    body.replaceChildren();
    for (const i of st.process_issues) {
      const tr = document.createElement("tr");
      tr.className = i.state === "STARTING" ? "warn" : "bad";
      cell(tr, i.id, "n");
      cell(tr, i.node_id);
      cell(tr, i.process_name);
      cell(tr, i.state);
      body.appendChild(tr);
    }
    $("#no-issues").hidden = st.process_issues.length > 0;
  }

  function showNodes(st) {
    for (const td of $$("td.reach")) {
      const down = st.down_nodes.includes(td.dataset.node);
      td.textContent = down ? "DOWN" : "yes";
      td.className = "reach " + (down ? "bad" : "good");
    }
  }

  async function poll() {
    try {
      const r = await fetch("/api/status", { credentials: "same-origin" });
      if (r.status === 401) { location.href = "/login"; return; }
      const st = await r.json();
      if (!r.ok) throw new Error(st.error || r.statusText);
      if ($("#roles")) showCluster(st);
      if ($("#nodes")) showNodes(st);
      const down = $("#down");
      if (down) {
        down.hidden = st.down_nodes.length === 0;
        down.textContent = "Down: " + st.down_nodes.join(" ");
      }
      const u = $("#updated");
      if (u) u.textContent = "Updated " + new Date().toLocaleTimeString() + ".";
    } catch (e) {
      const u = $("#updated");
      if (u) u.textContent = "Cannot update: " + e.message;
    }
    setTimeout(poll, 3000);
  }

  async function toggle(ev) {
    const box = ev.target;
    const node = box.dataset.node, role = box.dataset.role;
    const action = box.checked ? "add" : "remove";
    const msg = $('.msg[data-node="' + CSS.escape(node) + '"]');
    box.disabled = true;
    msg.className = "msg busy";
    msg.textContent = (action === "add" ? "Adding " : "Removing ") + role + "…";
    try {
      const r = await fetch("/api/roles", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ node, role, action }),
      });
      const out = await r.json();
      if (out.ok) {
        msg.className = "msg good";
        msg.textContent = role + (action === "add" ? " added." : " removed.");
      } else {
        box.checked = !box.checked;
        msg.className = "msg bad";
        msg.textContent = out.error;
      }
    } catch (e) {
      box.checked = !box.checked;
      msg.className = "msg bad";
      msg.textContent = "Request failed: " + e.message;
    }
    box.disabled = false;
  }

  async function life(ev) {
    const b = ev.target;
    const { node, role, action } = b.dataset;
    const msg = $("#life-msg");
    for (const x of $$("button.life")) x.disabled = true;
    msg.className = "msg busy";
    msg.textContent = action + " " + role + "…";
    try {
      const r = await fetch("/api/lifecycle", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ node, role, action }),
      });
      const out = await r.json();
      msg.className = out.ok ? "msg good" : "msg bad";
      msg.textContent = out.ok ? role + ": " + action + " done." : out.error;
    } catch (e) {
      msg.className = "msg bad";
      msg.textContent = "Request failed: " + e.message;
    }
    for (const x of $$("button.life")) x.disabled = false;
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const b of $$("button.life")) b.addEventListener("click", life);
    for (const box of $$("#nodes input[type=checkbox]")) box.addEventListener("change", toggle);
    if ($("#roles") || $("#nodes")) poll();
  });
})();
