/** A port from the environment variable `name`; unset or empty is undefined, anything not a port exits 2. */
export function portFromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`${name} must be a port number from 0 to 65535, not "${text}".`);
    process.exit(2);
  }
  return port;
}
