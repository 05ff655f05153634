import { applyDecorators, type Type as Class } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';

/**
 * A document's `lines`: an array of 1–`max` nested DTOs, each validated (so unknown
 * properties inside a line are refused too), and documented in OpenAPI at once.
 */
export const IsLineList = (lineType: Class<unknown>, max: number, description: string) =>
  applyDecorators(
    ApiProperty({ type: [lineType], description }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(() => lineType),
  );
