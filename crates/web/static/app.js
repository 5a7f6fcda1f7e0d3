// Vaski's few lines of JavaScript: everything works without it.
// Forms marked data-confirm ask before they are sent (deletions).
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
// The municipality field suggests the official names.
document.querySelectorAll("input#municipality").forEach((input) => {
  if (document.getElementById("municipalities")) {
    input.setAttribute("list", "municipalities");
  }
});
// The scorecard's trend charts are pages of their own, drawn into the table once read, so
// that the figures show at once; without JavaScript each is a link.
document.querySelectorAll("figure[data-trend-src]").forEach(async (figure) => {
  try {
    const answer = await fetch(figure.getAttribute("data-trend-src"), { credentials: "same-origin" });
    if (!answer.ok) return;
    const page = new DOMParser().parseFromString(await answer.text(), "text/html");
    const drawn = page.querySelector("figure[data-trend]");
    if (drawn) {
      drawn.removeAttribute("data-trend");
      figure.replaceWith(document.importNode(drawn, true));
    }
  } catch (_) {
    // The link stays.
  }
});
