import { App, Stack, Validations } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
console.log(typeof App, typeof Stack, typeof Validations, typeof TableV2, typeof NodejsFunction, typeof HttpJwtAuthorizer, typeof AwsSolutionsChecks, typeof ServerlessChecks);
