// The function app (the .NET isolated worker) and its plan. Flex Consumption by default, Elastic Premium as the
// alternative. Every connection is identity-based (the user-assigned identity); no connection string or key is set.

@description('Function app name (also the first label of its default host name).')
param name string

@description('App Service plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('FlexConsumption (default) or ElasticPremium.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string

@description('.NET runtime version on the image; must match the worker\'s TargetFramework (net10.0).')
param dotnetVersion string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Name of the storage account (host storage and the app\'s own data).')
param storageAccountName string

@description('Blob endpoint of the storage account, with a trailing slash.')
param blobEndpoint string

@description('Queue endpoint of the storage account, with a trailing slash.')
param queueEndpoint string

@description('Table endpoint of the storage account, with a trailing slash.')
param tableEndpoint string

@description('Blob container Flex Consumption deploys the package from.')
param deploymentContainerName string

@description('Application Insights connection string (not a secret: local auth is disabled on the component).')
param appInsightsConnectionString string

@description('Versionless Key Vault secret URI of the BigCommerce client secret.')
param bigCommerceClientSecretUri string

@description('Versionless Key Vault secret URI of the EKM app client secret.')
param ekmClientSecretUri string

@description('EKM Partner API root, e.g. https://api.ekm.net.')
param ekmApiBaseUrl string

@description('EKM identity server root (OAuth authorize and token), e.g. https://api.ekm.net.')
param ekmAuthBaseUrl string

@description('The EKM app\'s client id from partners.ekm.net (not a secret).')
param ekmClientId string

@description('Versionless Key Vault URI of the key that encrypts partner credentials at rest.')
param encryptionKeySecretUri string

@description('Comma-separated "channel:storeId" entries whose install needs no operator approval (usually empty).')
param autoApproveStores string = ''

@description('BigCommerce API root, e.g. https://api.bigcommerce.com.')
param bigCommerceApiBaseUrl string

@description('BigCommerce login root, e.g. https://login.bigcommerce.com.')
param bigCommerceLoginBaseUrl string

@description('The BigCommerce app\'s client id (not a secret).')
param bigCommerceClientId string

@description('Click & Drop API base, e.g. https://api.parcel.royalmail.com/api/v1.')
param clickAndDropBaseUrl string

@description('Ecomdash API base, e.g. https://ecomdash.azure-api.net/api.')
param ecomdashBaseUrl string

@description('Versionless Key Vault secret URI of our Ecomdash developer key (Ocp-Apim-Subscription-Key).')
param ecomdashDeveloperKeySecretUri string

@description('NCRONTAB (6 fields, UTC) of PollChannels.')
param pollSchedule string

@description('NCRONTAB (6 fields, UTC) of CreateShipments.')
param createShipmentsSchedule string

@description('NCRONTAB (6 fields, UTC) of SyncCarrierStatus.')
param carrierSyncSchedule string

@description('Flex Consumption: most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption: memory per instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

var isFlex = hostingPlan == 'FlexConsumption'

// App settings every plan gets. The keys match local.settings.sample.json and the options classes; a test
// (tests/Fulfilment.DeployTests/SettingsTests.cs) reads the top-level keys of every `var *AppSettings` object here.
var commonAppSettings = {
  // Host storage (timer schedule monitors, singleton locks, host keys): identity-based.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // The app's own storage: the queue triggers' connection and the pipeline's tables and blobs. Explicit service URIs,
  // because the queue trigger reads __queueServiceUri and the app reads all three (StorageConnection.cs).
  FulfilmentStorage__queueServiceUri: queueEndpoint
  FulfilmentStorage__tableServiceUri: tableEndpoint
  FulfilmentStorage__blobServiceUri: blobEndpoint
  FulfilmentStorage__credential: 'managedidentity'
  FulfilmentStorage__clientId: identityClientId
  // Entra-only Application Insights: the identity needs Monitoring Metrics Publisher on the component.
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Timer schedules named in the trigger attributes (%PollSchedule% etc.).
  PollSchedule: pollSchedule
  CreateShipmentsSchedule: createShipmentsSchedule
  CarrierSyncSchedule: carrierSyncSchedule
  // Write-backs that came due are sent again; poison queues are swept into the failures view (every minute each).
  WriteBackRetrySchedule: '30 * * * * *'
  PoisonSweepSchedule: '15 * * * * *'
  // Pipeline (PipelineOptions): the code's defaults, here so ops can tune without a release.
  Pipeline__PollOverlapMinutes: '10'
  Pipeline__MaxPagesPerPoll: '20'
  Pipeline__PollTimeBudgetSeconds: '240'
  Pipeline__PollLeaseSeconds: '120'
  Pipeline__DrainTimeBudgetSeconds: '120'
  Pipeline__CreateBatchMaxWaitSeconds: '40'
  Pipeline__ParallelCreateBatches: '3'
  Pipeline__CarrierFullSyncSeconds: '60'
  Pipeline__DrainLeaseSeconds: '120'
  Pipeline__CarrierSettleSeconds: '120'
  Pipeline__LabelTimeBudgetSeconds: '120'
  Pipeline__WriteBackFirstDelaySeconds: '60'
  Pipeline__WriteBackMaxDelaySeconds: '1800'
  Pipeline__SettingsCacheSeconds: '30'
  // What counts as stuck, and when Health turns unhealthy (FailureOptions).
  Failures__StuckAfterMinutes: '30'
  Failures__DespatchStuckAfterHours: '72'
  Failures__UnhealthyAfterMinutes: '60'
  // Partner credentials are encrypted with this key before they reach Table Storage (SecretsOptions). During a key
  // rotation, set PreviousKeys to the old key's Key Vault reference until every row has been saved again.
  Secrets__ActiveKey: '@Microsoft.KeyVault(SecretUri=${encryptionKeySecretUri})'
  Secrets__PreviousKeys: ''
  // New stores wait for an operator's approval unless listed here (ConnectionsOptions).
  Connections__AutoApprove: autoApproveStores
  // BigCommerce (BigCommerceOptions). The client secret is a Key Vault reference resolved with keyVaultReferenceIdentity.
  BigCommerce__ApiBaseUrl: bigCommerceApiBaseUrl
  BigCommerce__LoginBaseUrl: bigCommerceLoginBaseUrl
  BigCommerce__ClientId: bigCommerceClientId
  BigCommerce__ClientSecret: '@Microsoft.KeyVault(SecretUri=${bigCommerceClientSecretUri})'
  BigCommerce__AuthCallbackUrl: 'https://${functionApp.properties.defaultHostName}/api/channels/bigcommerce/auth'
  BigCommerce__PageSize: '50'
  BigCommerce__IncludeConsignments: 'true'
  BigCommerce__MaxRetryAttempts: '3'
  // A 429 names a wait of up to one 30 s quota window: 35 s sits out a whole window (plus rounding and skew) inside the
  // poll's minutes of budget, instead of failing the poll as RateLimited.
  BigCommerce__MaxRateLimitWait: '00:00:35'
  BigCommerce__HeaderlessRateLimitBackoff: '00:00:02'
  BigCommerce__AttemptTimeout: '00:00:15'
  BigCommerce__CallTimeout: '00:01:00'
  // Order webhooks (hints; the poll stays the backstop), subscribed by the app on install and re-checked by polls.
  // The Standard Webhooks header names are UNCONFIRMED in BigCommerce's docs, hence settings.
  BigCommerce__WebhookUrl: 'https://${functionApp.properties.defaultHostName}/api/channels/bigcommerce/webhook'
  BigCommerce__WebhookIdHeader: 'webhook-id'
  BigCommerce__WebhookTimestampHeader: 'webhook-timestamp'
  BigCommerce__WebhookSignatureHeader: 'webhook-signature'
  BigCommerce__WebhookTolerance: '00:05:00'
  BigCommerce__WebhookRecheckInterval: '01:00:00'
  // EKM (EkmOptions). The client secret is a Key Vault reference; register RedirectUrl on partners.ekm.net exactly as here.
  Ekm__ApiBaseUrl: ekmApiBaseUrl
  Ekm__AuthBaseUrl: ekmAuthBaseUrl
  Ekm__ClientId: ekmClientId
  Ekm__ClientSecret: '@Microsoft.KeyVault(SecretUri=${ekmClientSecretUri})'
  Ekm__RedirectUrl: 'https://${functionApp.properties.defaultHostName}/api/channels/ekm/oauth'
  Ekm__WebhookUrl: 'https://${functionApp.properties.defaultHostName}/api/channels/ekm/webhook'
  Ekm__RequestsPerSecond: '2'
  Ekm__LowBucketRemaining: '4'
  Ekm__PageSize: '20'
  Ekm__MaxRetryAttempts: '3'
  Ekm__MaxRateLimitWait: '00:00:10'
  Ekm__RateLimitBackoff: '00:00:02'
  Ekm__RefreshBeforeExpiry: '00:05:00'
  Ekm__RequireTransactionId: 'true'
  Ekm__Currency: 'GBP'
  Ekm__ProductWeightUnitGrams: '1000'
  Ekm__EmailCustomerOnDespatch: 'true'
  // Royal Mail Click & Drop (ClickAndDropOptions). Its API key is per account, stored with the carrier account.
  ClickAndDrop__BaseUrl: clickAndDropBaseUrl
  ClickAndDrop__RequestsPerSecond: '5'
  ClickAndDrop__MaxOrdersPerRequest: '100'
  ClickAndDrop__LabelInCreateResponse: 'true'
  ClickAndDrop__AuthorizationScheme: 'RawKey'
  ClickAndDrop__AttemptTimeout: '00:00:30'
  ClickAndDrop__TotalTimeout: '00:01:30'
  ClickAndDrop__MaxRetryAttempts: '3'
  ClickAndDrop__RetryBaseDelay: '00:00:01'
  ClickAndDrop__MaxRetryAfter: '00:00:10'
  // Tracking of carriers that report events (TrackingOptions): shipments silent this long are asked about, on this schedule.
  TrackingPollSchedule: '0 */10 * * * *'
  Tracking__SilentAfterMinutes: '360'
  Tracking__MaxShipmentsPerRun: '2000'
  // Ekart (EkartOptions). Merchant code, Token and webhook secret are per account, stored with the carrier account.
  // UNCONFIRMED contract points are settings: TokenMode, the limits, AlreadyPresentText, RateLimitForbiddenText and the webhook header.
  Ekart__BaseUrl: 'https://api.ekartlogistics.com'
  Ekart__TokenMode: 'Exchange'
  Ekart__TokenRenewBefore: '00:05:00'
  Ekart__TokenFallbackLifetime: '00:40:00'
  Ekart__RequestsPerSecond: '10'
  Ekart__MaxShipmentsPerRequest: '25'
  Ekart__MaxTrackingIdsPerRequest: '50'
  Ekart__GoodsCategory: 'NON_ESSENTIAL'
  Ekart__HsnLengths: '8'
  Ekart__AlreadyPresentText: 'already present'
  Ekart__RateLimitForbiddenText: 'Rate limit exceeded'
  Ekart__WebhookSignatureHeader: 'X-Ekart-Signature'
  Ekart__WebhookMaxEventAge: '2.00:00:00'
  Ekart__WebhookMaxClockSkew: '00:15:00'
  Ekart__AttemptTimeout: '00:00:30'
  Ekart__TotalTimeout: '00:01:30'
  Ekart__MaxRetryAttempts: '3'
  Ekart__RetryBaseDelay: '00:00:01'
  Ekart__MaxRetryAfter: '00:00:10'
  // Listings (ListingsOptions): link and sync runs of channels that list products; sync every 15 min and on catalogue changes.
  ListingSyncSchedule: '0 */15 * * * *'
  ListingLinkSchedule: '0 0 3 * * *'
  Listings__LinkBatchSize: '1000'
  Listings__TimeBudgetSeconds: '240'
  Listings__LeaseSeconds: '180'
  Listings__RetryDelaySeconds: '60'
  Listings__MaxAttempts: '10'
  // Ecomdash (EcomdashOptions). Our developer key is a Key Vault reference; merchants' ECD keys are stored with their connections.
  Ecomdash__BaseUrl: ecomdashBaseUrl
  Ecomdash__DeveloperKey: '@Microsoft.KeyVault(SecretUri=${ecomdashDeveloperKeySecretUri})'
  Ecomdash__PageSize: '200'
  Ecomdash__CallsPerMinute: '100'
  Ecomdash__ConcurrentCallsPerOperation: '3'
  Ecomdash__MaxRetryAttempts: '4'
  Ecomdash__MaxRateLimitWait: '00:01:05'
  Ecomdash__ConcurrencyRetryDelay: '00:00:00.500'
  Ecomdash__ConcurrencyRetryAttempts: '8'
  Ecomdash__AttemptTimeout: '00:00:30'
  Ecomdash__TotalTimeout: '00:03:00'
  Ecomdash__ProductLookupBatchSize: '50'
  Ecomdash__QuantityBatchSize: '100'
  Ecomdash__ReferenceDataCacheTime: '00:10:00'
  // UNCONFIRMED parts of Ecomdash's contract, as settings so a correction needs no release.
  Ecomdash__OrdersDateType: 'CreatedDate'
  Ecomdash__OrderLineItemsPath: 'orders/getLineItems'
  Ecomdash__OrderShipmentsPath: 'orders/{orderId}/shipments'
  Ecomdash__CreateShipmentPath: 'Shipments/Create'
  Ecomdash__UpdateProductPath: 'Inventory'
  Ecomdash__PriceUpdateOmits: 'QuantityOnHand,Warehouses'
  Ecomdash__ExportColumns: 'SKU:Sku,Name:Name,Quantity:Quantity,Price:Price,UPC:Upc,EAN:Ean,Weight (g):WeightGrams'
}

// Elastic Premium only: Flex Consumption rejects these (its runtime comes from functionAppConfig, its package from the
// deployment container). No WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: Azure Files needs a shared key, which the
// storage account refuses; the app runs from the deployed package instead (UNCONFIRMED on Linux Elastic Premium:
// test a first deployment).
var premiumAppSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  // The host starts the isolated worker from worker.config.json (`dotnet Fulfilment.Functions.dll`) and talks gRPC to it.
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  WEBSITE_RUN_FROM_PACKAGE: '1'
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: 'EP1'
        tier: 'ElasticPremium'
      }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: isFlex ? null : 20
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|${dotnetVersion}'
    }
    // Flex Consumption: runtime and package location live here (FUNCTIONS_WORKER_RUNTIME is not set on Flex: this block
    // replaces it). UNCONFIRMED: dotnet-isolated 10.0 on Flex in every region (Azure's Flex stack list has it, marked
    // preview in one snapshot) - test a first deployment early; ElasticPremium is the fallback.
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: '${blobEndpoint}${deploymentContainerName}'
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identityId
              }
            }
          }
          runtime: {
            name: 'dotnet-isolated'
            version: dotnetVersion
          }
          scaleAndConcurrency: {
            maximumInstanceCount: maximumInstanceCount
            instanceMemoryMB: instanceMemoryMB
          }
        }
      : null
  }
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: isFlex ? commonAppSettings : union(commonAppSettings, premiumAppSettings)
}

// FTP off and no basic-auth publishing: deployments authenticate with Entra ID (az CLI).
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output hostName string = functionApp.properties.defaultHostName
