// Key Vault in RBAC mode for partner secrets (channel app client secrets, webhook secrets). The app reads them through
// Key Vault references resolved with its user-assigned identity; operators put the values in with `az keyvault secret set`.

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('BigCommerce app client secret. Leave empty to set it later with az keyvault secret set (see README).')
@secure()
param bigCommerceClientSecret string = ''

@description('EKM app client secret. Leave empty to set it later with az keyvault secret set (see README).')
@secure()
param ekmClientSecret string = ''

// Secret names: letters, digits and dashes only. The app settings reference these names.
var bigCommerceClientSecretName = 'bigcommerce-client-secret'
var ekmClientSecretName = 'ekm-client-secret'

@description('Our Ecomdash developer key (APIM primary key). Leave empty to set it later with az keyvault secret set (see README).')
@secure()
param ecomdashDeveloperKey string = ''

var ecomdashDeveloperKeyName = 'ecomdash-developer-key'
// "<key id>:<base64 of 32 random bytes>": encrypts partner credentials in Table Storage (set by an operator, see README).
var secretsActiveKeyName = 'secrets-active-key'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// Only written when a value is given, so a redeployment without it keeps the value an operator set.
resource bigCommerceSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(bigCommerceClientSecret)) {
  parent: vault
  name: bigCommerceClientSecretName
  properties: {
    value: bigCommerceClientSecret
  }
}

resource ekmSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(ekmClientSecret)) {
  parent: vault
  name: ekmClientSecretName
  properties: {
    value: ekmClientSecret
  }
}

resource ecomdashSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(ecomdashDeveloperKey)) {
  parent: vault
  name: ecomdashDeveloperKeyName
  properties: {
    value: ecomdashDeveloperKey
  }
}

output name string = vault.name
output vaultUri string = vault.properties.vaultUri
// Versionless secret URI: the app picks up a rotated secret without a redeployment.
output bigCommerceClientSecretUri string = '${vault.properties.vaultUri}secrets/${bigCommerceClientSecretName}'
output ekmClientSecretUri string = '${vault.properties.vaultUri}secrets/${ekmClientSecretName}'
output ecomdashDeveloperKeySecretUri string = '${vault.properties.vaultUri}secrets/${ecomdashDeveloperKeyName}'
output encryptionKeySecretUri string = '${vault.properties.vaultUri}secrets/${secretsActiveKeyName}'
