// Example parameters: copy and adjust per environment. Secrets never go here: put them into Key Vault (see README).
using 'main.bicep'

param namePrefix = 'fulfil'
param hostingPlan = 'FlexConsumption'
param dotnetVersion = '10.0'
param bigCommerceClientId = 'replace-with-your-bigcommerce-app-client-id'
param bigCommerceApiBaseUrl = 'https://api.bigcommerce.com'
param bigCommerceLoginBaseUrl = 'https://login.bigcommerce.com'
param clickAndDropBaseUrl = 'https://api.parcel.royalmail.com/api/v1'
param ecomdashBaseUrl = 'https://ecomdash.azure-api.net/api'
param pollSchedule = '0 */5 * * * *'
param createShipmentsSchedule = '*/5 * * * * *'
param carrierSyncSchedule = '*/5 * * * * *'
param tags = {
  application: 'fulfilment'
  environment: 'production'
}
