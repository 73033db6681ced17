import pino from 'pino';

/** Structured logs. Request bodies are never logged: they carry what people said. */
export function createLogger(level: string): pino.Logger {
  return pino({
    level,
    base: { service: 'chorus' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}

export type Logger = pino.Logger;
