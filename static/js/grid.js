// The village review grid (assessments/templates/assessments/grid.html): saves each changed cell,
// moves between rows with Enter and the arrows, copies a column down, finds a row by name.
// Texts come from the page's data-* attributes so that they are translated with it.
(() => {
  "use strict";
  const grid = document.getElementById("grid");
  const filter = document.getElementById("grid-filter");
  if (!grid) return;

  // Finding a row by name works for everyone, editing or not.
  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  filter?.addEventListener("input", () => {
    const wanted = fold(filter.value.trim());
    for (const row of grid.tBodies[0].rows) {
      const name = row.querySelector(".grid-name a"); // the name and the code beside it, not the badges
      row.dataset.search ??= name ? fold(`${name.textContent} ${name.nextElementSibling.textContent}`) : "";
      row.hidden = wanted !== "" && !row.dataset.search.includes(wanted);
    }
  });

  if (!grid.dataset.cellUrl) return; // read-only
  const texts = grid.dataset;
  const actions = document.getElementById("grid-actions");
  const token = actions.querySelector("[name=csrfmiddlewaretoken]").value;
  const status = document.getElementById("grid-status");
  const dialog = document.getElementById("grid-explain");
  // A points input sits in a cell labelled with its item's code (the phone's cards show the label).
  const CELL = "td[data-label] > input";
  const itemOf = (input) => input.parentElement.dataset.label;
  const cellSelector = (item) => `td[data-label="${CSS.escape(item)}"] > input`;
  // One request at a time per row: each save carries the version the previous one returned.
  const queues = new Map();
  let waiting = 0;
  let lastFocused = null;

  const say = (message, isError = false) => {
    status.textContent = message;
    status.classList.toggle("is-error", isError);
  };

  const post = async (url, fields) => {
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    const response = await fetch(url, { method: "POST", body, headers: { "X-CSRFToken": token } });
    if (!(response.headers.get("Content-Type") || "").includes("json")) throw new Error(response.statusText);
    return response.json();
  };

  const enqueue = (row, job) => {
    waiting += 1;
    const next = (queues.get(row) || Promise.resolve()).then(job).finally(() => (waiting -= 1));
    queues.set(row, next);
    return next;
  };

  const rowMessage = (row, message) => {
    const name = row.querySelector(".grid-name");
    let note = name.querySelector(".grid-msg");
    if (!message) return note?.remove();
    if (!note) {
      note = document.createElement("span");
      note.className = "grid-msg";
      note.setAttribute("role", "alert");
      name.append(note);
    }
    note.textContent = message;
  };

  // A saved row: its new version and the engine's total and verdict.
  const apply = (state) => {
    const row = document.getElementById(`a${state.id}`);
    row.dataset.version = state.version;
    row.querySelector(".grid-total").textContent = state.total;
    const outcome = row.querySelector(".grid-outcome");
    outcome.textContent = state.label;
    outcome.classList.toggle("is-passed", state.passed === true);
    outcome.classList.toggle("is-failed", state.passed === false);
    return row;
  };

  const refuse = (row, input, message) => {
    input.setAttribute("aria-invalid", "true");
    rowMessage(row, message);
  };

  const accept = (row, input, value) => {
    input.removeAttribute("aria-invalid");
    input.dataset.sent = input.value = value;
    rowMessage(row, "");
  };

  const save = (input, explanation = "") => {
    const row = input.closest("tr");
    const value = input.value.trim();
    input.dataset.sent = value;
    return enqueue(row, async () => {
      input.classList.add("is-saving");
      try {
        const data = await post(texts.cellUrl, [
          ["assessment", row.dataset.id],
          ["version", row.dataset.version],
          ["item", itemOf(input)],
          ["points", value],
          ["explanation", explanation],
        ]);
        if (data.error) {
          refuse(row, input, data.error);
          if (data.explain) explain(input, data.error);
          return;
        }
        apply(data);
        if (input.value.trim() === value) accept(row, input, data.value);
      } catch {
        refuse(row, input, texts.offline);
        delete input.dataset.sent; // typing the same value again retries
      } finally {
        input.classList.remove("is-saving");
      }
    });
  };

  // Saves when the value differs from the last one sent (change and Enter may both ask).
  const commit = (input) => {
    if (input.value.trim() !== (input.dataset.sent ?? input.defaultValue)) save(input);
  };

  // Points for an item that asks for evidence, with none attached: ask why, then save again.
  const explain = (input, message) => {
    dialog.querySelector("#grid-explain-message").textContent = message;
    const field = dialog.querySelector("textarea");
    field.value = "";
    dialog.returnValue = "";
    dialog.addEventListener(
      "close",
      () => {
        if (dialog.returnValue === "save" && field.value.trim()) save(input, field.value.trim());
        input.focus();
      },
      { once: true },
    );
    dialog.showModal();
  };

  const neighbour = (input, step) => {
    const selector = cellSelector(itemOf(input));
    let row = input.closest("tr");
    while ((row = step > 0 ? row.nextElementSibling : row.previousElementSibling)) {
      const next = !row.hidden && row.querySelector(selector);
      if (next) return next;
    }
    return null;
  };

  grid.addEventListener("change", (event) => {
    if (event.target.matches(CELL)) commit(event.target);
  });
  grid.addEventListener("focusin", (event) => {
    if (event.target.matches(CELL)) lastFocused = event.target;
  });
  grid.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!input.matches(CELL) || event.isComposing) return;
    const step = { Enter: event.shiftKey ? -1 : 1, ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    commit(input);
    const next = neighbour(input, step);
    if (next) {
      next.focus();
      next.select();
    }
  });

  // Fill-down: the selected row's points (or the first row's) go to every editable row shown below it.
  grid.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-fill]");
    if (!button) return;
    const item = button.dataset.fill;
    const inputs = [...grid.querySelectorAll(cellSelector(item))].filter((input) => !input.closest("tr").hidden);
    const source = inputs.includes(lastFocused) ? lastFocused : inputs[0];
    const targets = inputs.slice(inputs.indexOf(source) + 1);
    if (!source || !targets.length) return;
    commit(source);
    button.disabled = true;
    try {
      await Promise.all(queues.values());
      const rows = targets.map((input) => input.closest("tr"));
      const data = await post(texts.fillUrl, [
        ["item", item],
        ["points", source.value.trim()],
        ...rows.map((row) => ["row", `${row.dataset.id}:${row.dataset.version}`]),
      ]);
      if (data.error) return say(data.error, true);
      for (const state of data.rows) {
        const row = apply(state);
        accept(row, row.querySelector(cellSelector(item)), data.value);
      }
      for (const refused of data.refused) {
        const row = document.getElementById(`a${refused.id}`);
        refuse(row, row.querySelector(cellSelector(item)), refused.error);
      }
      say(data.message, data.refused.length > 0);
    } catch {
      say(texts.offline, true);
    } finally {
      button.disabled = false;
    }
  });

  document.getElementById("grid-all")?.addEventListener("change", (event) => {
    for (const box of grid.querySelectorAll("tbody input[name=ids]")) {
      if (!box.closest("tr").hidden) box.checked = event.target.checked;
    }
  });

  // Copying and sending reload the page: wait for the cells still being saved.
  actions.addEventListener("submit", (event) => {
    if (!waiting) return;
    event.preventDefault();
    Promise.all(queues.values()).then(() => actions.requestSubmit(event.submitter));
  });
  window.addEventListener("beforeunload", (event) => {
    if (waiting) event.preventDefault();
  });
})();
