// The app's storage account: host state (AzureWebJobsStorage), the pipeline's queues and tables, shipping labels and,
// on Flex Consumption, the deployment package container. Shared keys are off: every client uses Entra ID.

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Blob container the Flex Consumption plan deploys the package from.')
param deploymentContainerName string

// Names must match functions/Fulfilment/Storage/StorageNames.cs (the app also creates them at start-up, idempotently;
// creating them here means a fresh deployment works before the first start and the identity needs no create rights).
var queueNames = [
  'channel-poll'
  'order-normalise'
  'despatch-writeback'
  'order-import'
  'tracking-apply'
  'order-cancel'
  'channel-poll-poison'
  'order-normalise-poison'
  'despatch-writeback-poison'
  'order-import-poison'
  'tracking-apply-poison'
  'order-cancel-poison'
  'listing-link'
  'listing-sync'
  'listing-link-poison'
  'listing-sync-poison'
]
var tableNames = [
  'Connections'
  'CarrierAccounts'
  'Orders'
  'Shipments'
  'PendingShipments'
  'Products'
  'ShippingMappings'
  'Leases'
  'RateWindows'
  'UsedTokens'
  'Failures'
  'WriteBacks'
  'TrackingEvents'
  'Identifiers'
  'RoutingRules'
  'Listings'
  'ListingRuns'
  'ExportLinks'
]
var containerNames = [
  'labels'
  deploymentContainerName
]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    dnsEndpointType: 'Standard'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for container in containerNames: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queue in queueNames: {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
