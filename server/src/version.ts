// The version the server and the CLI report; test/unit/version.test.ts checks it against package.json.
export const SERVER_VERSION = '0.1.0';
