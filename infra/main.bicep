// Order-fulfilment pipeline on Azure Functions (.NET isolated worker). Wires the modules only; each module owns one
// concern. Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam (see README).

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Short lowercase prefix for resource names (letters and digits).')
@minLength(2)
@maxLength(10)
param namePrefix string = 'fulfil'

@description('FlexConsumption (default) or ElasticPremium.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('.NET runtime on the Functions image; must match the worker\'s TargetFramework (net10.0).')
param dotnetVersion string = '10.0'

@description('BigCommerce API root.')
param bigCommerceApiBaseUrl string = 'https://api.bigcommerce.com'

@description('BigCommerce login root (OAuth token exchange).')
param bigCommerceLoginBaseUrl string = 'https://login.bigcommerce.com'

@description('The BigCommerce app\'s client id (Developer Portal; not a secret).')
param bigCommerceClientId string

@description('The BigCommerce app\'s client secret; stored in Key Vault only. Leave empty and set it with az keyvault secret set.')
@secure()
param bigCommerceClientSecret string = ''

@description('EKM Partner API root.')
param ekmApiBaseUrl string = 'https://api.ekm.net'

@description('EKM identity server root (OAuth authorize and token).')
param ekmAuthBaseUrl string = 'https://api.ekm.net'

@description('The EKM app\'s client id (partners.ekm.net; not a secret). Set it in main.bicepparam once the app is registered.')
param ekmClientId string = 'replace-with-your-ekm-app-client-id'

@description('The EKM app\'s client secret; stored in Key Vault only. Leave empty and set it with az keyvault secret set.')
@secure()
param ekmClientSecret string = ''

@description('Royal Mail Click & Drop API base.')
param clickAndDropBaseUrl string = 'https://api.parcel.royalmail.com/api/v1'

@description('Ecomdash API base (Azure API Management).')
param ecomdashBaseUrl string = 'https://ecomdash.azure-api.net/api'

@description('Our Ecomdash developer key (APIM primary key); stored in Key Vault only. Leave empty and set it with az keyvault secret set.')
@secure()
param ecomdashDeveloperKey string = ''

@description('NCRONTAB (6 fields, UTC): how often every channel connection is polled.')
param pollSchedule string = '0 */5 * * * *'

@description('NCRONTAB (6 fields, UTC): how often the carrier outboxes are checked. A full batch goes at the next check; a partial one once its oldest order has waited Pipeline__CreateBatchMaxWaitSeconds. A check with nothing due is one or two table queries.')
param createShipmentsSchedule string = '*/5 * * * * *'

@description('NCRONTAB (6 fields, UTC): how often carrier statuses are synchronised. Every open shipment is looked up once every Pipeline__CarrierFullSyncSeconds; the runs in between look up only shipments made since, once each.')
param carrierSyncSchedule string = '*/5 * * * * *'

@description('Tags applied to every resource.')
param tags object = {
  application: 'fulfilment'
}

var suffix = uniqueString(resourceGroup().id, namePrefix)
var functionAppName = '${namePrefix}-func-${suffix}'
var storageAccountName = take('${namePrefix}st${suffix}', 24)
var keyVaultName = take('${namePrefix}-kv-${suffix}', 24)
var deploymentContainerName = 'app-package'
var identityName = '${namePrefix}-id-${suffix}'
var appInsightsName = '${namePrefix}-appi-${suffix}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: '${namePrefix}-log-${suffix}'
    appInsightsName: appInsightsName
    location: location
    tags: tags
    retentionInDays: 30
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    bigCommerceClientSecret: bigCommerceClientSecret
    ekmClientSecret: ekmClientSecret
    ecomdashDeveloperKey: ecomdashDeveloperKey
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  // Names are passed as deploy-time constants (so What-If can predict the assignments); hence explicit dependencies.
  dependsOn: [
    identity
    storage
    monitoring
    keyVault
  ]
  params: {
    identityName: identityName
    storageAccountName: storageAccountName
    appInsightsName: appInsightsName
    keyVaultName: keyVaultName
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  // Roles first, so the app's first start can reach storage, Key Vault and App Insights (propagation still takes minutes).
  dependsOn: [
    rbac
  ]
  params: {
    name: functionAppName
    planName: '${namePrefix}-plan-${suffix}'
    location: location
    tags: tags
    hostingPlan: hostingPlan
    dotnetVersion: dotnetVersion
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    bigCommerceClientSecretUri: keyVault.outputs.bigCommerceClientSecretUri
    encryptionKeySecretUri: keyVault.outputs.encryptionKeySecretUri
    bigCommerceApiBaseUrl: bigCommerceApiBaseUrl
    bigCommerceLoginBaseUrl: bigCommerceLoginBaseUrl
    bigCommerceClientId: bigCommerceClientId
    ekmClientSecretUri: keyVault.outputs.ekmClientSecretUri
    ekmApiBaseUrl: ekmApiBaseUrl
    ekmAuthBaseUrl: ekmAuthBaseUrl
    ekmClientId: ekmClientId
    clickAndDropBaseUrl: clickAndDropBaseUrl
    ecomdashBaseUrl: ecomdashBaseUrl
    ecomdashDeveloperKeySecretUri: keyVault.outputs.ecomdashDeveloperKeySecretUri
    pollSchedule: pollSchedule
    createShipmentsSchedule: createShipmentsSchedule
    carrierSyncSchedule: carrierSyncSchedule
    maximumInstanceCount: 40
    instanceMemoryMB: 2048
  }
}

var baseUrl = 'https://${functionApp.outputs.hostName}'

// Names and public URLs only: never a secret.
output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.hostName
output keyVaultName string = keyVault.outputs.name
output storageAccountName string = storage.outputs.name
// Register these three in the BigCommerce Developer Portal (app technical settings: Auth, Load and Uninstall callbacks).
// Every channel's callbacks share one route, channels/{channel}/{action}; every carrier's webhook, carriers/{carrier}/webhook.
output bigCommerceAuthCallbackUrl string = '${baseUrl}/api/channels/bigcommerce/auth'
output bigCommerceLoadCallbackUrl string = '${baseUrl}/api/channels/bigcommerce/load'
output bigCommerceUninstallCallbackUrl string = '${baseUrl}/api/channels/bigcommerce/uninstall'
// EKM and Ekart are not built yet: these are the routes they will answer on, so the registrations can be prepared.
output ekmCallbackUrl string = '${baseUrl}/api/channels/ekm/oauth'
output ekmWebhookUrl string = '${baseUrl}/api/channels/ekm/webhook'
output ekartWebhookUrl string = '${baseUrl}/api/carriers/ekart/webhook'
