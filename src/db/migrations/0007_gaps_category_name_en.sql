ALTER TABLE "request_categories" ADD COLUMN "name_en" text;--> statement-breakpoint
-- English names of the default categories, where a city still uses the default Chinese name.
UPDATE "request_categories" SET "name_en" = d.name_en FROM (VALUES
  ('heating', '暖气不热', 'Heating not warm'),
  ('leak', '房顶/管道漏水', 'Roof / pipe leak'),
  ('sanitation', '卫生死角', 'Uncleaned corner'),
  ('green_space', '绿地被占', 'Green space occupied'),
  ('camera_gate', '监控/门禁故障', 'Camera / door access fault'),
  ('parking', '车辆乱停', 'Parking in the way'),
  ('ebike', '电动车充电', 'E-bike charging'),
  ('lighting', '楼道照明', 'Stairwell lighting'),
  ('waterlogging', '道路积水', 'Standing water on roads'),
  ('dispute', '邻里纠纷', 'Neighbour dispute'),
  ('other', '其他', 'Other')
) AS d(code, name, name_en) WHERE "request_categories"."code" = d.code AND "request_categories"."name" = d.name AND "request_categories"."name_en" IS NULL;
