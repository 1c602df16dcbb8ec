/** Per worker: point the adapters at the services the global setup started. */
import { inject } from 'vitest';

process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
process.env.SES_ENDPOINT = inject('sesEndpoint');
process.env.AWS_REGION = 'eu-north-1';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
process.env.SES_FROM = 'tulospalvelu@salibandy.test';
