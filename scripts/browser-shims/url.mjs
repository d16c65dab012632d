// Node's `url` helpers for the browser bundle of the server (scripts/build.mjs): `file:` URLs of POSIX paths,
// encoded as Node encodes them.
export function pathToFileURL(path) {
  const url = new URL('file://');
  url.pathname = path
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%40/g, '@').replace(/%3A/gi, ':'))
    .join('/');
  return url;
}

export function fileURLToPath(url) {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
  if (parsed.hostname !== '') throw new TypeError('File URL host must be "localhost" or empty');
  return decodeURIComponent(parsed.pathname);
}

export default { pathToFileURL, fileURLToPath };
