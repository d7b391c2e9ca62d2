import type { DepartmentStore } from "../../app/actions/departments.js";
import type { Department } from "../../domain/actions/department.js";
import type { Prisma } from "./prismaTypes.js";

const toDepartment = (r: { id: number; nameZh: string; nameEn: string; removedAt: Date | null }): Department => ({ id: r.id, name: { zh: r.nameZh, en: r.nameEn }, removedAt: r.removedAt });

export class PrismaDepartmentStore implements DepartmentStore {
  constructor(private readonly db: Prisma) {}

  async active(): Promise<Department[]> {
    return (await this.db.department.findMany({ where: { removedAt: null }, orderBy: { id: "asc" } })).map(toDepartment);
  }

  async add(zh: string, en: string, at: Date): Promise<Department> {
    return toDepartment(await this.db.department.create({ data: { nameZh: zh, nameEn: en, createdAt: at } }));
  }

  async rename(id: number, zh: string, en: string): Promise<Department | null> {
    const r = await this.db.department.updateMany({ where: { id, removedAt: null }, data: { nameZh: zh, nameEn: en } });
    return r.count === 1 ? toDepartment((await this.db.department.findUniqueOrThrow({ where: { id } }))) : null;
  }

  async remove(id: number, at: Date): Promise<Department | null> {
    const r = await this.db.department.updateMany({ where: { id, removedAt: null }, data: { removedAt: at } });
    return r.count === 1 ? toDepartment((await this.db.department.findUniqueOrThrow({ where: { id } }))) : null;
  }
}
