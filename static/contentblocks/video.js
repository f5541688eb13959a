/* Video blocks: the player (and with it anything from YouTube or Vimeo) loads only after a click. */
(function () {
    "use strict";
    function load(figure) {
        var frame = figure.querySelector(".video__frame");
        var iframe = document.createElement("iframe");
        iframe.src = figure.getAttribute("data-embed");
        iframe.title = figure.getAttribute("data-title");
        iframe.allow = "autoplay; fullscreen; picture-in-picture";
        iframe.allowFullscreen = true;
        iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
        iframe.className = "video__player";
        frame.replaceChildren(iframe);
        iframe.focus();
    }
    document.querySelectorAll("[data-video]").forEach(function (figure) {
        var button = figure.querySelector(".video__play");
        if (!button || figure.hasAttribute("data-video-ready")) {
            return;
        }
        figure.setAttribute("data-video-ready", "");
        button.addEventListener("click", function () {
            load(figure);
        });
    });
})();
