// Node's `path` for the browser bundle of the server (scripts/build.mjs): POSIX semantics, what the server's
// path handling needs (join, resolve, dirname, basename, relative, isAbsolute, sep). In a worker there is no
// current directory: `resolve` starts from `/`.
export const sep = '/';
export const delimiter = ':';

export function isAbsolute(p) {
  return p.startsWith('/');
}

export function normalize(p) {
  const absolute = isAbsolute(p);
  const parts = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
    } else parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export function join(...parts) {
  const joined = parts.filter((part) => part !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...parts) {
  let result = '';
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(result); i--) {
    if (parts[i]) result = result ? `${parts[i]}/${result}` : parts[i];
  }
  return normalize(isAbsolute(result) ? result : `/${result}`);
}

export function dirname(p) {
  const normal = p.length > 1 ? p.replace(/\/+$/, '') : p;
  const at = normal.lastIndexOf('/');
  if (at < 0) return '.';
  if (at === 0) return '/';
  return normal.slice(0, at);
}

export function basename(p, extension) {
  const normal = p.length > 1 ? p.replace(/\/+$/, '') : p;
  const base = normal.slice(normal.lastIndexOf('/') + 1);
  return extension && base.endsWith(extension) && base !== extension ? base.slice(0, -extension.length) : base;
}

export function extname(p) {
  const base = basename(p);
  const at = base.lastIndexOf('.');
  return at <= 0 ? '' : base.slice(at);
}

export function relative(from, to) {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

const path = { sep, delimiter, isAbsolute, normalize, join, resolve, dirname, basename, extname, relative };
path.posix = path;
export const posix = path;
export default path;
