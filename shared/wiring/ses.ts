/** The SES mailer of the functions that send email (their composition roots name it; the others do not carry the SES client). */
import { makeSesClient } from '../adapters/ses-client.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import type { RuntimeConfig } from '../config.js';
import type { Mailer } from '../ports/mailer.js';

export const sesMailer = (cfg: RuntimeConfig): Mailer =>
  new SesMailer(makeSesClient(cfg), cfg.sesFrom, cfg.sesConfigurationSet, cfg.inboundAddress);
