// test stand-in for the built service worker
self.addEventListener("install", () => {});
