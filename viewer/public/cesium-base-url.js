// Where Cesium finds its workers and assets; a file, not an inline script, so the CSP can forbid inline scripts.
window.CESIUM_BASE_URL = '/cesium';
