// Evidence on the self-assessment form. Photos are made smaller in the browser before they are sent
// (a 5 MB phone photo becomes a few hundred KB: quicker on a village connection, lighter to store);
// PDFs and office documents go as they are. The item's evidence is then refreshed in place, so points
// typed but not yet saved stay on the page. Without this script the plain form still works.
(() => {
  "use strict";
  const MAX_SIDE = 1600;
  const QUALITY = 0.8;
  // GIFs may be animated: they are left alone.
  const RESIZABLE = /^image\/(jpeg|png|webp|heic|heif)$/;

  async function shrink(file) {
    if (!RESIZABLE.test(file.type)) return file;
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch {
      return file; // a format this browser cannot draw: the server decides
    }
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff"; // transparent PNG areas would turn black in a JPEG
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", QUALITY));
    if (!blob || blob.size >= file.size) return file;
    const name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
    return new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified });
  }

  // Sends the form; returns the response and by how much the subject's version rises if it is all
  // ours (each piece of evidence added raises it by one, a removal leaves it).
  async function send(form) {
    const data = new FormData(form);
    let bumps = 0;
    if (form.classList.contains("evidence-form")) {
      const files = data.getAll("files").filter((file) => file instanceof File && file.name);
      data.delete("files");
      for (const file of files) {
        const small = await shrink(file);
        data.append("files", small, small.name);
      }
      bumps = Math.max(1, files.length);
    }
    const response = await fetch(form.action, { method: "POST", body: data, credentials: "same-origin" });
    return { response, bumps };
  }

  // The points form must carry the version our own evidence change produced, or its save would be
  // refused as stale; a bigger jump means someone else changed the subject, and the refusal is right.
  function followVersion(page, bumps) {
    const mine = document.querySelector('#scores input[name="version"]');
    const fresh = page.querySelector('#scores input[name="version"]');
    if (mine && fresh && Number(fresh.value) - Number(mine.value) <= bumps) mine.value = fresh.value;
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches(".evidence-form, .evidence-remove")) return;
    event.preventDefault();
    const box = form.closest(".evidence");
    const status = box.querySelector(".evidence-status");
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    if (button.dataset.busy) status.textContent = button.dataset.busy;
    try {
      const { response, bumps } = await send(form);
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById(box.id);
      if (!response.ok || !fresh) throw new Error(response.statusText || String(response.status));
      const said = page.querySelector(".messages");
      followVersion(page, bumps);
      box.replaceWith(fresh);
      fresh.querySelector(".evidence-status").textContent = said ? said.textContent.trim() : "";
    } catch (error) {
      status.textContent = `${box.dataset.failed || "Error"}: ${error.message}`;
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  });
})();
