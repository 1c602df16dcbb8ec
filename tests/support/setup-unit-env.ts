/** Unit tests: no services. The adapters' settings point nowhere, so a unit test that reaches for DynamoDB or SES fails loudly. */
process.env.AWS_REGION = 'eu-north-1';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
process.env.SES_FROM = 'tulospalvelu@salibandy.test';
process.env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:9';
process.env.SES_ENDPOINT = 'http://127.0.0.1:9';
