import pino from 'pino';

/** Standard output, written asynchronously; text written here comes after every line logged before it. */
export const stdout = (): pino.DestinationStream => pino.destination({ dest: 1, minLength: 0, sync: false });

/** Structured logs. Request bodies are never logged: they carry what people said. */
export function createLogger(level: string, destination: pino.DestinationStream = stdout()): pino.Logger {
  return pino(
    {
      level,
      base: { service: 'chorus' },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    destination,
  );
}

export type Logger = pino.Logger;
