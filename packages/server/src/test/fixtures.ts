import { randomInt } from 'node:crypto';
import { withUsccCheck, USCC_CHARSET } from '@zhiben/domain';

let n = 0;
/** A fresh valid USCC in a district (positions 3–8 = the district code). */
export function freshUscc(district = '150627'): string {
  n++;
  const tail = Array.from({ length: 8 }, () => USCC_CHARSET[randomInt(31)]).join('');
  return withUsccCheck(`91${district}M${tail}`);
}

/** A valid create payload; override any field. */
export function enterprisePayload(over: Record<string, unknown> = {}) {
  const district = (over.districtCode as string) ?? '150627';
  return {
    name: `测试企业${Date.now()}${n}`,
    uscc: freshUscc(district),
    districtCode: district,
    industryCode: '2614',
    address: '伊金霍洛旗圣圆煤化工基地',
    location: { lng: 109.74, lat: 39.56 },
    sectors: ['hazardous_chemicals'],
    categories: ['hazmat_major_hazard'],
    scale: 'above',
    standardizationLevel: 'level2',
    employees: 320,
    principal: { name: '张三', phone: '13800000001', idNumber: '150627198512250049' },
    actualController: { name: '李四', phone: '13800000002', idNumber: '150602199001011238' },
    status: 'operating',
    ...over,
  };
}
