"""Three plans a researcher might add, in the encodings and formats the seeds lack: a GB18030 text
with CRLF line ends (Kunshan), a UTF-8 text with full-width punctuation (Xihu district) and a Word
file (Changsha county). Written by tests, never committed as files."""

from __future__ import annotations

from pathlib import Path

KUNSHAN = """\
昆山市教育局关于印发《昆山市教育局2025年工作要点》的通知
各区镇教育管理办公室、市各直属学校:
现将《昆山市教育局2025年工作要点》印发给你们,请认真贯彻执行。
昆山市教育局
2025年2月18日
昆山市教育局2025年工作要点
一、加强党的全面领导
1.深化理论武装。落实“第一议题”制度,推进党建与业务深度融合。
2.加强基层党组织建设。实施中小学校党组织领导的校长负责制。
二、推进基础教育优质均衡
3.扩大优质学位供给。新建改扩建中小学、幼儿园5所。
4.深化集团化办学。新组建教育集团3个,实现城乡学校结对全覆盖。
"""

XIHU = """\
杭州市西湖区教育局2025年工作要点
2025年，全区教育系统坚持以习近平新时代中国特色社会主义思想为指导，加快建设高质量教育体系。
一、总体要求
（一）指导思想
1．坚持立德树人根本任务。深入实施新时代立德树人工程。
2．坚持教育优先发展。保障教育经费“两个只增不减”。
（二）主要目标
3．学前教育普惠率保持在95%以上。
二、重点任务
（一）办好人民满意的教育
4．推进义务教育优质均衡。新增学位2000个。
5．加强教师队伍建设。开展“西湖名师”培养工程。
"""

CHANGSHA_COUNTY = [
    "长沙县教育局2024年工作要点",
    "2024年，全县教育工作以办好人民满意教育为目标，推进教育高质量发展。",
    "一、加强党建引领", "1.加强思想政治建设。深入开展主题教育。", "2.加强干部队伍建设。完善干部考核评价机制。",
    "二、提升教育质量", "3.推进课程改革。全面实施新课程新教材。", "4.加强体育美育。保障学生每天校内体育活动时间。",
    "5.推进劳动教育。建设劳动教育实践基地2个。", "三、维护校园安全", "6.强化安全管理。开展校园安全隐患排查整治。",
]


def write_extra_plans(folder: Path) -> Path:
    """Write the three plans (and a non-plan file a folder may hold) into *folder*; return it."""
    import docx

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kunshan_2025.txt").write_bytes(KUNSHAN.replace("\n", "\r\n").encode("gb18030"))
    (folder / "xihu_2025.txt").write_text(XIHU, encoding="utf-8")
    document = docx.Document()
    for line in CHANGSHA_COUNTY:
        document.add_paragraph(line)
    document.save(folder / "changsha_county_2024.docx")
    (folder / "notes.md").write_text("not a plan", encoding="utf-8")  # a folder gives only plan files
    return folder
