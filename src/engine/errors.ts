/**
 * The lab's own error type. Everything that comes from outside — a link, a
 * file, a CLI flag, a stored record — ends in a LabError with a message meant
 * for the person who supplied it; anything else reaching the top (a
 * TypeError) is a bug in the lab. The fuzz tests hold the codecs to this.
 */
export class LabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabError';
  }
}

/** A config that does not pass the schema or the registries, with every problem named. */
export class ConfigError extends LabError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
