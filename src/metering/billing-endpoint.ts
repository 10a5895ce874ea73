/**
 * Host names of Azure AI resources: the `Billing` Azure's own containers take. Here `Billing` is
 * the base URL of a metering API, so one of these can never take a usage report.
 */
const AZURE_RESOURCE_HOSTS: readonly RegExp[] = [
  /\.cognitiveservices\.azure\.(com|cn|us)$/i,
  /\.cognitive\.microsoft\.com$/i,
  /\.openai\.azure\.com$/i,
];

/** Whether `Billing` names an Azure AI resource (e.g. `https://<name>.cognitiveservices.azure.com/`). */
export function azureResourceEndpoint(billing: string): boolean {
  const host = new URL(billing).hostname;
  return AZURE_RESOURCE_HOSTS.some((pattern) => pattern.test(host));
}

const WHAT_BILLING_MEANS =
  "here Billing is the base URL of a metering API that takes usage events (Azure Marketplace metering API 2018-08-31, e.g. https://marketplaceapi.microsoft.com/api, or the bundled billing stub's /api), not an Azure resource endpoint; see README 'Metering and billing'";

/**
 * The operator's sentence for a `Billing` that is not a metering API: an Azure resource URL, or
 * (with `status`) an endpoint that answered the metering API's routes with 404/405.
 */
export function mismatchMessage(billing: string, status?: number): string {
  // Origin and path only: a query or user info in the URL stays out of logs and /status.
  const url = new URL(billing);
  const what =
    status === undefined
      ? `Billing ${url.origin} is an Azure AI resource endpoint (what Azure's own containers take)`
      : `Billing ${url.origin}${url.pathname.replace(/\/+$/, '')} does not speak the metering API (HTTP ${status} for its usage routes)`;
  return `${what}: ${WHAT_BILLING_MEANS}`;
}
