/** Side-effect import for functions that send email: registers the SES mailer with the runtime. */
import { makeSesClient } from './adapters/ses-client.js';
import { SesMailer } from './adapters/ses-mailer.js';
import { registerMailer } from './runtime-core.js';

registerMailer((cfg) => new SesMailer(makeSesClient(cfg), cfg.sesFrom, cfg.sesConfigurationSet, cfg.inboundAddress));
